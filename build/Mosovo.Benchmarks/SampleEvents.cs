using Mosovo.EventStore;

namespace Mosovo.Benchmarks;

// A home-visit-like event with the shape of Mosovo.Api's HomeVisitRecorded (a few strings, dates, two officers,
// nobody else seen), so the JSON stored per event is of a realistic size (~500 bytes). The benchmark does not
// reference the API: it measures the event store alone.

public sealed record BenchOfficer(string Id, string Name);

public sealed record BenchPersonSeen(string Name, string Relationship, bool IsChild, int? AgeYears);

public sealed record BenchActor(string UserId, string Name);

public enum BenchVisitKind
{
    Announced,
    Unannounced,
}

public sealed record BenchHomeVisitRecorded(
    Guid VisitId,
    DateTimeOffset VisitedAt,
    IReadOnlyList<BenchOfficer> Officers,
    BenchVisitKind Kind,
    bool EntryGained,
    IReadOnlyList<BenchPersonSeen> PersonsSeen,
    string? Observations,
    string? Concerns,
    string? SingleOfficerReason,
    BenchActor RecordedBy,
    DateTimeOffset RecordedAt);

public static class SampleEvents
{
    public const string StreamType = "offender";
    public const string HomeVisitTypeName = "home-visit-recorded";

    private static readonly BenchOfficer[] Officers =
    [
        new("PC 4821", "PC Alex Example"),
        new("DC 1907", "DC Sam Placeholder"),
    ];

    private static readonly BenchPersonSeen[] PersonsSeen = [];

    private static readonly BenchActor Recorder = new("0b6f2d4e-5c1a-4e8b-9a77-3f1e2d9c8b10", "DC Sam Placeholder");

    public static EventTypeRegistry CreateRegistry() =>
        new EventTypeRegistry().Register<BenchHomeVisitRecorded>(HomeVisitTypeName);

    public static BenchHomeVisitRecorded HomeVisit(DateTimeOffset now) => new(
        Guid.CreateVersion7(),
        now.AddHours(-3),
        Officers,
        BenchVisitKind.Unannounced,
        EntryGained: true,
        PersonsSeen,
        Observations: "Seen at home; calm and cooperative.",
        Concerns: "New friend with children; follow up.",
        SingleOfficerReason: null,
        Recorder,
        now);

    public static EventMetadata Metadata(DateTimeOffset now) =>
        new(Recorder.UserId, Recorder.Name, now, Guid.CreateVersion7());
}
