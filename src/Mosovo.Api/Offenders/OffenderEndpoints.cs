using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

public static class OffenderEndpoints
{
    /// <summary>Every offender endpoint. The group needs a force role to read; writes need one that may record.</summary>
    public static IEndpointRouteBuilder MapOffenders(this IEndpointRouteBuilder app)
    {
        var offenders = app.MapGroup("/offenders")
            .WithTags("Offenders")
            .RequireAuthorization(Policies.ReadRecords)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        offenders.MapPost("/", RegisterOffender.Handle)
            .WithName("RegisterOffender")
            .WithSummary("Register an offender subject to notification requirements")
            .RequireAuthorization(Policies.RecordHistory)
            .WithIdempotencyKey()
            .Produces<RegisterOffender.Registered>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        offenders.MapPost("/{offenderId}/visits", RecordHomeVisit.Handle)
            .WithName("RecordHomeVisit")
            .WithSummary("Record a home visit (If-Match: the offender's version)")
            .RequireAuthorization(Policies.RecordHistory)
            .WithIdempotencyKey()
            .Produces<RecordHomeVisit.Recorded>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        offenders.MapGet("/{offenderId}/timeline", OffenderTimeline.Handle)
            .WithName("GetOffenderTimeline")
            .WithSummary("The offender's events, newest first, paged");

        return app;
    }
}
