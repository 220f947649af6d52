using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Record an ARMS assessment: the levels of risk, the factors behind them, the risk management plan, and
/// what prompted it. It then awaits a supervisor's endorsement. The latest assessment by date sets the
/// offender's current risk levels.
/// </summary>
public static class RecordArmsAssessment
{
    public sealed record OfficerBody(string? Id, string? Name);

    public sealed record ActionBody([FreeText] string? Action, string? Owner, DateOnly? DueOn);

    /// <param name="SignificantEvent">Which significant event, when <c>kind</c> is <c>SignificantEvent</c>.</param>
    /// <param name="EventVersion">Optional: the version of the entry on this record that prompted it (see the timeline).</param>
    public sealed record PromptBody(ArmsPromptKind? Kind, SignificantEventKind? SignificantEvent, long? EventVersion);

    public sealed record Request(
        DateOnly? AssessedOn,
        OfficerBody? Assessor,
        RiskLevel? RiskOfSeriousHarm,
        RiskLevel? RiskOfReconviction,
        IReadOnlyList<string>? RiskFactors,
        IReadOnlyList<string>? ProtectiveFactors,
        IReadOnlyList<ActionBody>? RiskManagementPlan,
        PromptBody? PromptedBy)
    {
        public static Request Example => new(
            new DateOnly(2026, 11, 18),
            new OfficerBody("DC1234", "DC Alex Example"),
            RiskLevel.High,
            RiskLevel.Medium,
            ["New relationship with a woman who has two children under 10", "Minimises the index offence"],
            ["Stable employment", "Engages with supervision"],
            [
                new ActionBody("Risk disclosure decision on the new partner", "DC Alex Example", new DateOnly(2026, 11, 20)),
                new ActionBody("Unannounced home visit", "North MOSOVO", new DateOnly(2026, 12, 18)),
            ],
            new PromptBody(ArmsPromptKind.SignificantEvent, SignificantEventKind.NewRelationship, 7));
    }

    public sealed record Command(
        DateOnly AssessedOn,
        Officer Assessor,
        RiskLevel RiskOfSeriousHarm,
        RiskLevel RiskOfReconviction,
        IReadOnlyList<string> RiskFactors,
        IReadOnlyList<string> ProtectiveFactors,
        IReadOnlyList<RiskManagementAction> RiskManagementPlan,
        ArmsPrompt PromptedBy);

    /// <summary>Factors are short statements; a long narrative belongs in the ARMS document itself.</summary>
    public const int MaxFactors = 30;

    public const int MaxFactorLength = 300;

    public const int MaxPlanActions = 50;

    public const int MaxActionLength = 1000;

    public const int MaxOwnerLength = 100;

    public const string EndorsementAdvice = "A supervisor must now endorse this assessment or return it for revision.";

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("arms-assessments", "RecordArmsAssessment", "Record an ARMS assessment", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var assessedOn = v.PastDate("assessedOn", request.AssessedOn, now.Today);

        var assessor = v.Required("assessor", request.Assessor);
        var assessorId = v.Text("assessor.id", assessor?.Id, 50);
        var assessorName = v.Text("assessor.name", assessor?.Name, 100);

        var seriousHarm = v.Required("riskOfSeriousHarm", request.RiskOfSeriousHarm);
        var reconviction = v.Required("riskOfReconviction", request.RiskOfReconviction);

        var riskFactors = Factors(v, "riskFactors", request.RiskFactors, required: true);
        var protectiveFactors = Factors(v, "protectiveFactors", request.ProtectiveFactors, required: false);

        var actionBodies = v.List("riskManagementPlan", request.RiskManagementPlan, MaxPlanActions, required: true);
        var actions = new List<RiskManagementAction>();
        for (var i = 0; i < actionBodies.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"riskManagementPlan[{i}]");
            var body = v.Required(field, actionBodies[i]);
            var action = v.Text(field + ".action", body?.Action, MaxActionLength);
            var owner = v.Text(field + ".owner", body?.Owner, MaxOwnerLength);
            if (body?.DueOn is { } due && request.AssessedOn is { } assessed && due < assessed)
                v.Add(field + ".dueOn", "cannot be before the assessment date.");
            actions.Add(new RiskManagementAction(action, owner, body?.DueOn));
        }

        var prompt = v.Required("promptedBy", request.PromptedBy);
        var kind = v.Required("promptedBy.kind", prompt?.Kind);
        if (prompt?.Kind == ArmsPromptKind.SignificantEvent && prompt.SignificantEvent is null)
            v.Add("promptedBy.significantEvent", "is required when the assessment follows a significant event: say which.");
        if (prompt?.Kind is ArmsPromptKind.InitialAssessment or ArmsPromptKind.PeriodicReview && prompt.SignificantEvent is not null)
            v.Add("promptedBy.significantEvent", "applies only when the assessment follows a significant event.");
        if (prompt?.EventVersion is < 1)
            v.Add("promptedBy.eventVersion", "must be the version of an entry on the record (1 or more).");
        if (prompt?.Kind is ArmsPromptKind.InitialAssessment or ArmsPromptKind.PeriodicReview && prompt.EventVersion is not null)
            v.Add("promptedBy.eventVersion", "applies only when the assessment follows a significant event.");

        return v.IsValid
            ? (new Command(assessedOn, new Officer(assessorId, assessorName), seriousHarm, reconviction, riskFactors, protectiveFactors, actions,
                new ArmsPrompt(kind, prompt!.SignificantEvent, prompt.EventVersion)), v)
            : (null, v);
    }

    private static List<string> Factors(Validation v, string field, IReadOnlyList<string>? values, bool required)
    {
        var list = v.List(field, values, MaxFactors, required);
        var factors = new List<string>();
        for (var i = 0; i < list.Count; i++)
            factors.Add(v.Text(string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"), list[i], MaxFactorLength));
        if (factors.Where(f => f.Length > 0).GroupBy(f => f, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
            v.Add(field, "lists the same factor twice.");
        return factors;
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        if (command.AssessedOn < offender.Registration.ConvictionDate)
            return Decision.Refuse("assessedOn", string.Create(CultureInfo.InvariantCulture,
                $"cannot be before the conviction date ({offender.Registration.ConvictionDate:yyyy-MM-dd}) this registration follows."));

        var risk = offender.Risk;
        if (command.PromptedBy.Kind == ArmsPromptKind.InitialAssessment
            && risk.Assessments.FirstOrDefault(a => a.Endorsement != ArmsEndorsementStatus.ReturnedForRevision) is { } earlier)
        {
            return Decision.Refuse("promptedBy.kind", string.Create(CultureInfo.InvariantCulture,
                $"this offender already has an ARMS assessment (assessed on {earlier.AssessedOn:yyyy-MM-dd}): a new one is a periodic review or follows a significant event."));
        }

        if (command.PromptedBy.EventVersion is { } version && PromptingEntryProblem(offender, version) is { } problem)
            return Decision.Refuse("promptedBy.eventVersion", problem);

        var assessmentId = Guid.CreateVersion7();
        var recorded = new ArmsAssessmentRecorded(assessmentId, command.AssessedOn, command.Assessor, command.RiskOfSeriousHarm,
            command.RiskOfReconviction, command.RiskFactors, command.ProtectiveFactors, command.RiskManagementPlan, command.PromptedBy, actor, now.Moment);
        return Decision.Record(recorded, assessmentId, [.. Advice(offender, recorded.Apply(offender), recorded)]);
    }

    /// <summary>Why the entry named as the prompt cannot be one, or null when it can.</summary>
    private static string? PromptingEntryProblem(Offender offender, long version)
    {
        if (!offender.EntryTypes.TryGetValue(version, out var type))
            return string.Create(CultureInfo.InvariantCulture, $"there is no entry {version} on this record.");
        if (type.StartsWith("arms-", StringComparison.Ordinal) || type == "record-corrected")
            return string.Create(CultureInfo.InvariantCulture, $"entry {version} is a {type} entry, not a significant event.");
        if (offender.Corrections.Any(c => c.Withdrawn && c.CorrectsVersion == version))
            return string.Create(CultureInfo.InvariantCulture, $"entry {version} was withdrawn as recorded in error.");
        return null;
    }

    /// <summary>What the officer should know after recording: endorsement, a change of level, a MAPPA referral to consider.</summary>
    public static IEnumerable<string> Advice(Offender before, Offender after, ArmsAssessmentRecorded recorded)
    {
        yield return EndorsementAdvice;

        var latest = after.Risk.Latest!;
        if (latest.AssessmentId != recorded.AssessmentId)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"This assessment is dated before the latest one ({latest.AssessedOn:yyyy-MM-dd}): the current risk levels stay as that one sets them.");
            yield break;
        }

        if (before.Risk.RiskOfSeriousHarm is { } previous && previous != recorded.RiskOfSeriousHarm)
        {
            yield return $"Risk of serious harm has changed from {ArmsAssessmentRecorded.Words(previous)} to {ArmsAssessmentRecorded.Words(recorded.RiskOfSeriousHarm)}: " +
                "the home visit frequency follows the new level.";
        }

        // MAPPA Guidance: level 2 is for offenders assessed as posing a high or very high risk of serious harm
        // whose management needs the active involvement of several agencies; level 3 where risk is critical.
        if (recorded.RiskOfSeriousHarm is RiskLevel.High or RiskLevel.VeryHigh && after.Mappa.Level is null or 1)
        {
            var level = after.Mappa.Level is null ? "no MAPPA level is recorded" : "the offender is managed at MAPPA level 1";
            yield return $"Risk of serious harm is {ArmsAssessmentRecorded.Words(recorded.RiskOfSeriousHarm)} and {level}: consider a referral for MAPPA level 2 or 3 management.";
        }
    }
}
