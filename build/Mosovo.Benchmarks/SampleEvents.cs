using Mosovo.Api.Offenders;

namespace Mosovo.Benchmarks;

/// <summary>
/// The events the store benchmark writes: the API's own home visit (a few strings, dates, two officers, nobody
/// else seen; about 600 bytes of JSON), and for the API's write path a registration to start each offender.
/// </summary>
public static class SampleEvents
{
    /// <summary>Who records the benchmark's events (Marten's user_name; the actor of the API's writes).</summary>
    public static readonly Actor Writer = new("0b6f2d4e-5c1a-4e8b-9a77-3f1e2d9c8b10", "DC Sam Placeholder");

    private static readonly Officer[] Officers =
    [
        new("PC 4821", "PC Alex Example"),
        new("DC 1907", "DC Sam Placeholder"),
    ];

    public static HomeVisitRecorded HomeVisit(DateTimeOffset now) => new(
        Guid.CreateVersion7(),
        now.AddHours(-3),
        Officers,
        VisitKind.Unannounced,
        EntryGained: true,
        PersonsSeen: [],
        Observations: "Seen at home; calm and cooperative.",
        Concerns: "New friend with children; follow up.",
        SingleOfficerReason: null,
        Writer,
        now);

    public static object[] HomeVisits(int count, DateTimeOffset now)
    {
        var events = new object[count];
        for (var i = 0; i < count; i++)
            events[i] = HomeVisit(now);
        return events;
    }
}
