using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>
/// Record that the PPN was shared with named agencies (health, education, probation, ...): which, when and why. Only
/// a reviewed PPN is shared, and not before the review found sharing necessary and proportionate. A PPN may be
/// shared more than once.
/// </summary>
public static class SharePpn
{
    public sealed record Request(
        Guid? PpnId,
        IReadOnlyList<string>? Agencies,
        DateTimeOffset? SharedAt,
        [FreeText] string? Purpose)
    {
        public static Request Example => new(Guid.Parse("0196b3a0-0000-7000-8000-000000000010"),
            ["Demotown Primary School (designated safeguarding lead)", "0-19 Health Visiting Service"],
            new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero),
            "Strategy discussion: the school and the health visitor see both children daily and weekly.");
    }

    public sealed record Command(Guid PpnId, IReadOnlyList<string> Agencies, DateTimeOffset SharedAt, string Purpose);

    public const int MaxAgencies = 20;

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("ppns/shares", "SharePpn",
            "Record that the PPN was shared with named agencies", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var v = new Validation();
        var ppnId = SubmitPpn.PpnId(v, request.PpnId);
        var list = v.List("agencies", request.Agencies, MaxAgencies, required: true);
        var agencies = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"agencies[{i}]");
            var agency = v.Text(at, list[i], 200);
            if (agency.Length > 0 && agencies.Contains(agency, StringComparer.OrdinalIgnoreCase))
                v.Add(at, "is listed twice.");
            agencies.Add(agency);
        }

        var sharedAt = v.PastMoment("sharedAt", request.SharedAt, now.Moment);
        var purpose = v.Text("purpose", request.Purpose, 2000);
        return v.IsValid ? (new Command(ppnId, agencies, sharedAt, purpose), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (ppn, refusal) = PpnRecords.Find(offender, command.PpnId);
        if (ppn is null)
            return refusal!;
        if (ppn.ReviewedAt is null)
        {
            return Decision.Refuse("ppnId", $"is {PpnRecords.Describe(ppn.Status)}: it is shared only once reviewed. Still to check: "
                + string.Join(", ", ppn.OutstandingChecks.Select(c => PpnRecords.Describe(c))) + ".");
        }

        var proportionate = ppn.Done(PpnReviewCheck.SharingNecessaryAndProportionate)!;
        if (command.SharedAt < proportionate.CheckedAt)
            return Decision.Refuse("sharedAt", $"is before the review found sharing necessary and proportionate ({PpnRecords.Show(proportionate.CheckedAt)}).");

        return Decision.Record(new PpnShared(ppn.PpnId, command.Agencies, command.SharedAt, command.Purpose, actor, now.Moment), ppn.PpnId);
    }
}
