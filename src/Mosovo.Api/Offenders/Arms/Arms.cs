using System.Globalization;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Offenders;

// ARMS (Active Risk Management System): the structured risk assessment police use for registered sex
// offenders in the community. An assessment states the risk of serious harm and of reconviction, the risk
// and protective factors behind them, and the risk management plan; a supervisor endorses it.

/// <summary>An ARMS risk level. ARMS uses the same four-point scale for serious harm and for reconviction.</summary>
public enum RiskLevel
{
    Low,
    Medium,
    High,
    VeryHigh,
}

/// <summary>Why an ARMS assessment was done.</summary>
public enum ArmsPromptKind
{
    /// <summary>The first ARMS assessment of the offender.</summary>
    InitialAssessment,

    /// <summary>The periodic review of the ARMS cycle.</summary>
    PeriodicReview,

    /// <summary>A significant event, which makes an ARMS review fall due (see <see cref="SignificantEventKind"/>).</summary>
    SignificantEvent,
}

/// <summary>The significant events that make an ARMS review fall due (docs/policies.md, "ARMS review after a significant event").</summary>
public enum SignificantEventKind
{
    NewChildContact,
    NewRelationship,
    ChangeOfAddress,
    Breach,
    ArrestOrCharge,
    ReleaseFromCustody,
    MappaLevelChange,
    SignificantIntelligence,
}

/// <summary>Where a supervisor's review of an assessment stands.</summary>
public enum ArmsEndorsementStatus
{
    AwaitingEndorsement,
    Endorsed,
    ReturnedForRevision,
}

/// <summary>What prompted an assessment; for a significant event, which kind, and the entry on the record when known.</summary>
/// <param name="EventVersion">The version of the entry on this record that prompted the assessment, when the officer named it.</param>
public sealed record ArmsPrompt(ArmsPromptKind Kind, SignificantEventKind? SignificantEvent, long? EventVersion)
{
    public string Describe() => Kind switch
    {
        ArmsPromptKind.InitialAssessment => "initial assessment",
        ArmsPromptKind.PeriodicReview => "periodic review",
        _ => EventVersion is { } version
            ? string.Create(CultureInfo.InvariantCulture, $"after a significant event: {Words(SignificantEvent)}, entry {version}")
            : $"after a significant event: {Words(SignificantEvent)}",
    };

    public static string Words(SignificantEventKind? kind) => kind switch
    {
        SignificantEventKind.NewChildContact => "new child contact",
        SignificantEventKind.NewRelationship => "new relationship",
        SignificantEventKind.ChangeOfAddress => "change of address",
        SignificantEventKind.Breach => "breach",
        SignificantEventKind.ArrestOrCharge => "arrest or charge",
        SignificantEventKind.ReleaseFromCustody => "release from custody",
        SignificantEventKind.MappaLevelChange => "MAPPA level change",
        SignificantEventKind.SignificantIntelligence => "significant intelligence",
        _ => "unspecified",
    };
}

/// <summary>An action of the risk management plan: what, who owns it, and by when (if set).</summary>
public sealed record RiskManagementAction(string Action, string Owner, DateOnly? DueOn);

/// <summary>One ARMS assessment as the summary lists it, with where its endorsement stands.</summary>
/// <param name="RecordedBy">The user who recorded it: they may not endorse it themselves.</param>
/// <param name="ReviewedBy">The supervisor who endorsed it or returned it for revision.</param>
public sealed record ArmsAssessmentEntry(
    Guid AssessmentId,
    DateOnly AssessedOn,
    Officer Assessor,
    RiskLevel RiskOfSeriousHarm,
    RiskLevel RiskOfReconviction,
    ArmsPrompt PromptedBy,
    Actor RecordedBy,
    DateTimeOffset RecordedAt,
    ArmsEndorsementStatus Endorsement,
    Actor? ReviewedBy,
    DateTimeOffset? ReviewedAt,
    string? ReviewComments);

/// <summary>The factors and plan of the latest assessment: what officers manage the offender by now.</summary>
public sealed record RiskManagementPlan(
    Guid FromAssessmentId,
    IReadOnlyList<string> RiskFactors,
    IReadOnlyList<string> ProtectiveFactors,
    IReadOnlyList<RiskManagementAction> Actions);

/// <summary>
/// ARMS assessments: every assessment in the order recorded, the plan of the latest, and the current risk
/// levels. The latest assessment is the one with the latest assessment date; of two on the same day, the one
/// recorded later (a same-day revision replaces what it revises).
/// </summary>
public sealed record RiskAssessments(IReadOnlyList<ArmsAssessmentEntry> Assessments, RiskManagementPlan? CurrentPlan)
{
    public static readonly RiskAssessments None = new([], null);

    /// <summary>The latest assessment by assessment date (ties: the one recorded later), if any.</summary>
    public ArmsAssessmentEntry? Latest => LatestOf(Assessments);

    /// <summary>Risk of serious harm from the latest ARMS assessment, if any.</summary>
    public RiskLevel? RiskOfSeriousHarm => Latest?.RiskOfSeriousHarm;

    /// <summary>Risk of reconviction from the latest ARMS assessment, if any.</summary>
    public RiskLevel? RiskOfReconviction => Latest?.RiskOfReconviction;

    /// <summary>Assessments no supervisor has yet endorsed or returned.</summary>
    public IReadOnlyList<Guid> AwaitingEndorsement =>
        Assessments.Where(a => a.Endorsement == ArmsEndorsementStatus.AwaitingEndorsement).Select(a => a.AssessmentId).ToList();

    /// <summary>Assessments returned for revision with no assessment recorded after them yet.</summary>
    public IReadOnlyList<Guid> AwaitingRevision =>
        Assessments.Select((a, i) => (Assessment: a, Index: i))
            .Where(x => x.Assessment.Endorsement == ArmsEndorsementStatus.ReturnedForRevision && x.Index == Assessments.Count - 1)
            .Select(x => x.Assessment.AssessmentId).ToList();

    public ArmsAssessmentEntry? Find(Guid assessmentId) => Assessments.FirstOrDefault(a => a.AssessmentId == assessmentId);

    internal static ArmsAssessmentEntry? LatestOf(IEnumerable<ArmsAssessmentEntry> assessments)
    {
        ArmsAssessmentEntry? latest = null;
        foreach (var assessment in assessments)
        {
            if (latest is null || assessment.AssessedOn >= latest.AssessedOn)
                latest = assessment;
        }

        return latest;
    }

    internal RiskAssessments Replace(ArmsAssessmentEntry updated) => this with
    {
        Assessments = Assessments.Select(a => a.AssessmentId == updated.AssessmentId ? updated : a).ToList(),
    };
}

public sealed record ArmsAssessmentRecorded(
    Guid AssessmentId,
    DateOnly AssessedOn,
    Officer Assessor,
    RiskLevel RiskOfSeriousHarm,
    RiskLevel RiskOfReconviction,
    IReadOnlyList<string> RiskFactors,
    IReadOnlyList<string> ProtectiveFactors,
    IReadOnlyList<RiskManagementAction> RiskManagementPlan,
    ArmsPrompt PromptedBy,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(AssessedOn);

    public string Summary =>
        $"ARMS assessment ({PromptedBy.Describe()}) by {Assessor.Name}: risk of serious harm {Words(RiskOfSeriousHarm)}, risk of reconviction {Words(RiskOfReconviction)}";

    public Offender Apply(Offender offender)
    {
        var risk = offender.Risk;
        var entry = new ArmsAssessmentEntry(AssessmentId, AssessedOn, Assessor, RiskOfSeriousHarm, RiskOfReconviction, PromptedBy,
            RecordedBy, RecordedAt, ArmsEndorsementStatus.AwaitingEndorsement, null, null, null);
        var assessments = new List<ArmsAssessmentEntry>(risk.Assessments) { entry };
        var isLatest = ReferenceEquals(RiskAssessments.LatestOf(assessments), entry);
        return offender with
        {
            Risk = new RiskAssessments(
                assessments,
                isLatest ? new RiskManagementPlan(AssessmentId, RiskFactors, ProtectiveFactors, RiskManagementPlan) : risk.CurrentPlan),
        };
    }

    public static string Words(RiskLevel level) => level switch
    {
        RiskLevel.Low => "low",
        RiskLevel.Medium => "medium",
        RiskLevel.High => "high",
        RiskLevel.VeryHigh => "very high",
        _ => level.ToString(),
    };
}

public sealed record ArmsAssessmentEndorsed(
    Guid AssessmentId,
    DateOnly AssessedOn,
    string? Comments,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => RecordedAt;

    public string Summary => string.Create(CultureInfo.InvariantCulture, $"ARMS assessment of {AssessedOn:d MMMM yyyy} endorsed by {RecordedBy.Name}");

    public Offender Apply(Offender offender) => offender.Risk.Find(AssessmentId) is { } assessment
        ? offender with
        {
            Risk = offender.Risk.Replace(assessment with
            {
                Endorsement = ArmsEndorsementStatus.Endorsed, ReviewedBy = RecordedBy, ReviewedAt = RecordedAt, ReviewComments = Comments,
            }),
        }
        : offender;
}

public sealed record ArmsAssessmentReturnedForRevision(
    Guid AssessmentId,
    DateOnly AssessedOn,
    string Comments,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => RecordedAt;

    public string Summary => string.Create(CultureInfo.InvariantCulture, $"ARMS assessment of {AssessedOn:d MMMM yyyy} returned for revision by {RecordedBy.Name}");

    public Offender Apply(Offender offender) => offender.Risk.Find(AssessmentId) is { } assessment
        ? offender with
        {
            Risk = offender.Risk.Replace(assessment with
            {
                Endorsement = ArmsEndorsementStatus.ReturnedForRevision, ReviewedBy = RecordedBy, ReviewedAt = RecordedAt, ReviewComments = Comments,
            }),
        }
        : offender;
}

public static class ArmsArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<ArmsAssessmentRecorded>("arms-assessment-recorded")
        .Register<ArmsAssessmentEndorsed>("arms-assessment-endorsed")
        .Register<ArmsAssessmentReturnedForRevision>("arms-assessment-returned-for-revision");

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders)
    {
        RecordArmsAssessment.Map(offenders);
        EndorseArmsAssessment.Map(offenders);
        return offenders;
    }
}
