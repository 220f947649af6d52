using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

public static class OffenderEndpoints
{
    /// <summary>
    /// Every offender endpoint, area by area. The group needs a force role to read; each write names the
    /// policy it needs (recording, or supervising). Every string a request carries is checked as text first.
    /// </summary>
    public static IEndpointRouteBuilder MapOffenders(this IEndpointRouteBuilder app)
    {
        var offenders = app.MapGroup("/offenders")
            .WithTags("Offenders")
            .RequireAuthorization(Policies.ReadRecords)
            .ChecksText()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        RegistrationArea.Map(offenders);
        VisitsArea.Map(offenders);
        ArmsArea.Map(offenders);
        MappaArea.Map(offenders);
        IntelligenceArea.Map(offenders);
        DisclosuresArea.Map(offenders);
        BreachesArea.Map(offenders);
        OrdersArea.Map(offenders);
        CorrectionsArea.Map(offenders);
        SharingArea.Map(offenders);
        Compliance.ComplianceArea.Map(offenders);
        OffenderViews.Map(app, offenders);
        return app;
    }
}
