using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>
/// A supervisor records checks of the PPN review the inspection asked for: information complete, immediate
/// safeguarding in place, context from police records added, crimes recorded, sharing necessary and proportionate.
/// Each check says what the supervisor found; the supervisor recording it and the time the checks were done are
/// kept with it. A review may be recorded in parts; the PPN is reviewed when all five are recorded. Only a PPN
/// submitted to the MASH is reviewed, and each check is recorded once.
/// </summary>
public static class ReviewPpn
{
    /// <param name="Finding">What the supervisor found, e.g. the crime reference, or the safeguarding in place.</param>
    public sealed record CheckBody(PpnReviewCheck? Check, [FreeText] string? Finding);

    /// <param name="CheckedAt">When these checks were done.</param>
    public sealed record Request(Guid? PpnId, IReadOnlyList<CheckBody>? Checks, DateTimeOffset? CheckedAt)
    {
        public static Request Example => new(Guid.Parse("0196b3a0-0000-7000-8000-000000000010"),
            [
                new CheckBody(PpnReviewCheck.InformationComplete, "Children, mother and contact arrangements all named; offender's risk and MAPPA status given."),
                new CheckBody(PpnReviewCheck.ImmediateSafeguardingInPlace, "Offender agreed to no unsupervised contact; mother told by DC Example the same day."),
                new CheckBody(PpnReviewCheck.CrimesRecorded, "No crime disclosed."),
            ],
            new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero));
    }

    public sealed record Command(Guid PpnId, IReadOnlyList<PpnReviewFinding> Checks, DateTimeOffset CheckedAt);

    public const int MaxFindingLength = 2000;

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("ppns/reviews", "ReviewPpn",
            "Record checks of the PPN review (supervisors)", Validate, Decide, Policies.Supervise);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var v = new Validation();
        var ppnId = SubmitPpn.PpnId(v, request.PpnId);
        var all = Enum.GetValues<PpnReviewCheck>().Length;
        var list = v.List("checks", request.Checks, all, required: true);
        var checks = new List<PpnReviewFinding>();
        for (var i = 0; i < list.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"checks[{i}]");
            var body = v.Required(at, list[i]);
            var check = v.Required(at + ".check", body?.Check);
            if (body?.Check is { } named && checks.Any(c => c.Check == named))
                v.Add(at + ".check", "is listed twice.");
            var finding = v.Text(at + ".finding", body?.Finding, MaxFindingLength);
            checks.Add(new PpnReviewFinding(check, finding));
        }

        var checkedAt = v.PastMoment("checkedAt", request.CheckedAt, now.Moment);
        return v.IsValid ? (new Command(ppnId, checks, checkedAt), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (ppn, refusal) = PpnRecords.Find(offender, command.PpnId);
        if (ppn is null)
            return refusal!;
        if (ppn.Submission is not { } submission)
            return Decision.Refuse("ppnId", $"is {PpnRecords.Describe(ppn.Status)}: record its submission to the MASH before its review.");

        for (var i = 0; i < command.Checks.Count; i++)
        {
            if (ppn.Done(command.Checks[i].Check) is { } done)
            {
                return Decision.Refuse(string.Create(CultureInfo.InvariantCulture, $"checks[{i}].check"),
                    $"'{PpnRecords.Describe(done.Check)}' was already recorded by {done.CheckedBy.Name} for {PpnRecords.Show(done.CheckedAt)}.");
            }
        }

        if (command.CheckedAt < submission.SubmittedAt)
            return Decision.Refuse("checkedAt", $"is before the PPN was submitted to the MASH ({PpnRecords.Show(submission.SubmittedAt)}).");

        var completes = ppn.OutstandingChecks.All(outstanding => command.Checks.Any(c => c.Check == outstanding));
        string[] advice = completes
            ? []
            : ["Still to check: " + string.Join(", ", ppn.OutstandingChecks.Where(o => command.Checks.All(c => c.Check != o)).Select(o => PpnRecords.Describe(o))) + "."];
        return Decision.Record(new PpnReviewChecksRecorded(ppn.PpnId, command.Checks, command.CheckedAt, completes, actor, now.Moment), ppn.PpnId, advice);
    }
}
