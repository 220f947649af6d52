using Mosovo.Api.Offenders;

namespace Mosovo.Api.Offenders;

/// <summary>A correction, as the summary shows it: which event, why, and whether it was withdrawn.</summary>
public sealed record CorrectionNote(long CorrectsVersion, string CorrectsType, bool Withdrawn, string Reason, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>
/// A correction of an earlier event: nothing is edited or deleted. "Withdrawn" means the event was
/// recorded in error (wrong offender, never happened) and no longer counts in the summary; otherwise the
/// correction is a note on the record and the right facts are recorded as a new event.
/// </summary>
public sealed record RecordCorrected(
    Guid CorrectionId,
    long CorrectsVersion,
    string CorrectsType,
    bool Withdraws,
    string Reason,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => RecordedAt;

    public string Summary => $"{(Withdraws ? "Withdrew" : "Corrected")} entry {CorrectsVersion} ({CorrectsType}): {Reason}";

    public Offender Apply(Offender offender) => offender with
    {
        Corrections = [.. offender.Corrections, new CorrectionNote(CorrectsVersion, CorrectsType, Withdraws, Reason, RecordedAt, RecordedBy.Name)],
    };
}

public static class CorrectionsArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry.Register<RecordCorrected>("record-corrected");

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders)
    {
        CorrectRecord.Map(offenders);
        return offenders;
    }
}
