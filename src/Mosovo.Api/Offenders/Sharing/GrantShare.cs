using System.Globalization;
using Microsoft.Extensions.Options;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// A supervisor shares the offender's partner summary with an agency: for what purpose, serving which MAPPA
/// level or meeting (at least one), and until when (ahead, and within <see cref="SharingOptions.MaxShareLength"/>).
/// One active share per agency: to change its terms, revoke it and grant again.
/// </summary>
public static class GrantShare
{
    public sealed record Request(
        PartnerAgency? Agency,
        [FreeText] string? Purpose,
        int? ServesLevel,
        Guid? ServesMeetingId,
        DateTimeOffset? Until)
    {
        public static Request Example => new(PartnerAgency.ChildrensSocialCare,
            "Safeguarding the partner's two children: MAPPA level 2 risk management plan, actions 1 and 3.", 2, null,
            new DateTimeOffset(2027, 3, 11, 17, 0, 0, TimeSpan.Zero));
    }

    public sealed record Command(PartnerAgency Agency, string Purpose, int? ServesLevel, Guid? ServesMeetingId, DateTimeOffset Until);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("mappa/shares", "GrantShare", "Share the partner summary with an agency (supervisors)",
                Validate, Decide, Policies.Supervise)
            .AddEndpointFilter(async (context, next) =>
            {
                // The longest share is configuration, which the pure Validate cannot see.
                var request = context.Arguments.OfType<Request>().FirstOrDefault();
                var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SharingOptions>>().Value;
                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                if (request?.Until is { } until && until > now + options.MaxShareLength)
                {
                    return Problems.Field(StatusCodes.Status400BadRequest, "until", string.Create(CultureInfo.InvariantCulture,
                        $"must be within {options.MaxShareLength.TotalDays:0.##} days of now (Sharing:MaxShareLength): MAPPA reviews a share at least that often."));
                }

                return await next(context);
            });

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var agency = v.Required("agency", request.Agency);
        if (request.Agency is { } named && !Enum.IsDefined(named)) v.Add("agency", "is not an agency a share can name.");
        var purpose = v.Text("purpose", request.Purpose, SharingArea.MaxPurposeLength);
        if (request.ServesLevel is null && request.ServesMeetingId is null)
            v.Add("servesLevel", "give the MAPPA level (servesLevel) or the meeting (servesMeetingId) the share serves.");
        if (request.ServesLevel is < MappaArea.Lowest or > MappaArea.Highest) v.Add("servesLevel", "must be 1, 2 or 3.");
        var until = v.Required("until", request.Until);
        if (request.Until is { } end && end <= now.Moment) v.Add("until", "must be in the future.");
        return v.IsValid ? (new Command(agency, purpose, request.ServesLevel, request.ServesMeetingId, until), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        if (command.ServesMeetingId is { } meeting && offender.Mappa.Meetings.All(m => m.MeetingId != meeting))
            return Decision.Refuse("servesMeetingId", "is not a MAPPA meeting on this offender's record.");
        if (offender.Shares.ActiveFor(command.Agency, now.Moment) is { } active)
        {
            return Decision.Refuse("agency", string.Create(CultureInfo.InvariantCulture,
                $"already has an active share (until {active.Until:yyyy-MM-dd HH:mm} UTC, share {active.ShareId}): revoke it first to change its terms."));
        }

        var shareId = Guid.CreateVersion7();
        return Decision.Record(
            new MappaShareGranted(shareId, command.Agency, command.Purpose, command.ServesLevel, command.ServesMeetingId, command.Until, actor, now.Moment),
            shareId,
            $"{SharingArea.Words(command.Agency)} can read the partner summary until the share ends; every read is logged with its purpose.");
    }
}
