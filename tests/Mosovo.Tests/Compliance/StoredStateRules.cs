using Mosovo.Api.Compliance;
using Mosovo.Api.Offenders;
using Mosovo.Tests.Arms;

namespace Mosovo.Tests.Compliance;

// Pure rules: no host, no database.

/// <summary>
/// The summary stores a compact compliance state (ComplianceState.Stored: open obligations, the latest home-visit
/// items, and the keys of the rest). Every policy must decide the same on it as on the whole fold: folding one more
/// event onto the stored state gives the same open obligations and flags as folding every event.
/// </summary>
public sealed class when_the_compliance_state_is_stored_compactly
{
    private static readonly EventTypeRegistry Types = OffenderEvents.Register(new EventTypeRegistry());
    private static readonly PolicyOptions Policies = new();
    private static readonly Officer Dc = new("DC1", "DC One");
    private static readonly Officer Pc = new("PC2", "PC Two");

    internal static List<RecordedEvent> Recorded(IReadOnlyList<IOffenderEvent> events) =>
        events.Select((e, i) => new RecordedEvent(i + 1, Guid.Empty, i + 1, Types.NameOf(e.GetType()), e,
            new EventMetadata(e.RecordedBy.UserId, e.RecordedBy.Name, e.RecordedAt, Guid.NewGuid()))).ToList();

    /// <summary>
    /// A long, mixed history: visits with and without entry or a second officer, ARMS at changing levels, endorsements,
    /// reviews, waivers; at moments with ticks finer than the microsecond PostgreSQL keeps.
    /// </summary>
    internal static List<IOffenderEvent> History(int seed)
    {
        var random = new Random(seed);
        var at = ArmsFixtures.Moment.AddYears(-4);
        var events = new List<IOffenderEvent> { ArmsFixtures.Registration() with { RecordedAt = at } };
        var levels = Enum.GetValues<RiskLevel>();
        for (var i = 0; i < 60; i++)
        {
            at = at.AddDays(random.Next(5, 60)).AddTicks(random.Next(1, 10));
            var folded = Offender.Fold(Recorded(events), Policies)!;
            switch (random.Next(7))
            {
                case 0 or 1:
                    events.Add(new HomeVisitRecorded(Guid.NewGuid(), at.AddHours(-1), [Dc, Pc], VisitKind.Unannounced, random.Next(4) != 0, [], "Nothing of note.", null, null, ArmsFixtures.Manager, at));
                    break;
                case 2:
                    events.Add(new HomeVisitRecorded(Guid.NewGuid(), at.AddHours(-1), [Dc], VisitKind.Announced, true, [], "Nothing of note.", null, "Called away.", ArmsFixtures.Manager, at));
                    break;
                case 3:
                    events.Add(ArmsFixtures.Assessment(Hosting(at), levels[random.Next(levels.Length)]) with { RecordedAt = at });
                    break;
                case 4 when folded.Risk.AwaitingEndorsement.Count > 0:
                    var assessment = folded.Risk.Find(folded.Risk.AwaitingEndorsement[0])!;
                    events.Add(new ArmsAssessmentEndorsed(assessment.AssessmentId, assessment.AssessedOn, null, ArmsFixtures.Supervisor, at));
                    break;
                case 5 when folded.Compliance.Open.FirstOrDefault(o => o.Kind == ObligationKind.SingleOfficerVisitReview) is { } review:
                    events.Add(new SingleOfficerVisitReviewed(review.OpenedByVersion, SingleOfficerVisitReviewOutcome.Acceptable, "Fine.", ArmsFixtures.Supervisor, at));
                    break;
                case 6 when folded.Compliance.Open.FirstOrDefault() is { } open:
                    events.Add(new ObligationWaived(open.Key, open.Kind, "Waived for the test.", ArmsFixtures.Supervisor, at));
                    break;
                default:
                    events.Add(new HomeVisitRecorded(Guid.NewGuid(), at.AddHours(-1), [Dc, Pc], VisitKind.Unannounced, true, [], "Nothing of note.", null, null, ArmsFixtures.Manager, at));
                    break;
            }
        }

        return events;
    }

    private static DateOnly Hosting(DateTimeOffset at) => Mosovo.Api.Hosting.Clock.DayOf(at);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void one_more_event_on_the_stored_state_decides_as_the_whole_fold(int seed)
    {
        var events = History(seed);
        for (var n = 1; n < events.Count; n++)
        {
            var whole = Offender.Fold(Recorded(events.Take(n + 1).ToList()), Policies)!;
            var before = Offender.Fold(Recorded(events.Take(n).ToList()), Policies)!;
            var stored = before with { Compliance = before.Compliance.Stored() };
            var stepped = Offender.Step(stored, events[n], n + 1, Policies);

            stepped.Compliance.Open.ShouldBe(whole.Compliance.Open, $"seed {seed}, event {n + 1} ({events[n].GetType().Name})");
            stepped.Compliance.Flags.ShouldBe(whole.Compliance.Flags);
            stepped.Compliance.Stored().ClosedKeys.Concat(stepped.Compliance.Stored().Obligations.Select(o => o.Key))
                .ShouldBe(whole.Compliance.Obligations.Select(o => o.Key), ignoreOrder: true);
        }

        // The history is long enough that the stored state drops most closed items, home visits among them.
        var last = Offender.Fold(Recorded(events), Policies)!.Compliance;
        last.Stored().ClosedKeys.Count.ShouldBeGreaterThan(last.Stored().Obligations.Count);
        last.Stored().ClosedKeys.ShouldContain(k => k.StartsWith(VisitFrequency.KeyPrefix, StringComparison.Ordinal));
    }
}
