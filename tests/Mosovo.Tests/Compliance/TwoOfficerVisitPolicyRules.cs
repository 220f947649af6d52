using Mosovo.Api.Compliance;
using Mosovo.Api.Offenders;

namespace Mosovo.Tests.Compliance;

// Pure rules: the two-officer visit policy folded over events, no host, no database.

public sealed class when_the_two_officer_visit_policy_folds_visits
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly Actor Recorder = new("user-1", "DC Recorder");
    private static readonly Officer Lone = new("DC1234", "DC Lone");
    private static readonly Officer Other = new("PC5678", "PC Other");
    private static readonly PolicyOptions Defaults = new();

    private readonly List<object> events =
    [
        new OffenderRegistered(Guid.NewGuid(), "MOS-T1", new PersonName("Test", "Fictional"), [], new DateOnly(1980, 4, 1),
            new Address("1 Example Street", null, "Demotown", "ZZ1 1AA"), "Fictional offence", new DateOnly(2020, 5, 1),
            new Sentence(SentenceKind.Custodial, 36, null), null, 1, new Officer("DC1", "DC Manager"), "North MOSOVO",
            new DateOnly(2026, 6, 1), Recorder, T0.AddDays(-14)),
    ];

    private Offender Fold(PolicyOptions? policies = null)
    {
        Offender? state = null;
        for (var i = 0; i < events.Count; i++)
            state = Offender.Step(state, events[i], i + 1, policies ?? Defaults);
        return state!;
    }

    /// <summary>Adds a visit recorded at <paramref name="recordedAt"/> and answers its version.</summary>
    private long Visit(DateTimeOffset recordedAt, params Officer[] officers)
    {
        events.Add(new HomeVisitRecorded(Guid.NewGuid(), recordedAt.AddDays(-2), officers, VisitKind.Unannounced, true, [], null, null,
            officers.Length < 2 ? "Second officer called to an emergency." : null, Recorder, recordedAt));
        return events.Count;
    }

    private void Review(long visit, DateTimeOffset at) =>
        events.Add(new SingleOfficerVisitReviewed(visit, SingleOfficerVisitReviewOutcome.AdviceGiven, "Noted.", new Actor("user-2", "DS Supervisor"), at));

    private static List<Obligation> Reviews(Offender offender) =>
        offender.Compliance.Obligations.Where(o => o.Kind == ObligationKind.SingleOfficerVisitReview).ToList();

    [Fact]
    public void a_single_officer_visit_opens_a_review_due_seven_days_after_it_was_recorded()
    {
        var visit = Visit(T0, Lone);

        var review = Reviews(Fold()).Single();

        review.Key.ShouldBe($"single-officer-visit-review:{visit}");
        review.OpenedByVersion.ShouldBe(visit);
        review.OpenedByType.ShouldBe(nameof(HomeVisitRecorded));
        review.AnchorAt.ShouldBe(T0);
        review.DueAt.ShouldBe(T0.AddDays(7));
        review.What.ShouldContain("DC Lone");
        review.What.ShouldContain("Second officer called to an emergency.");
        review.Why.ShouldBe("Unannounced home visit by 1 officer, entry gained");
        review.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void the_review_is_not_overdue_at_its_due_time_and_is_one_tick_after()
    {
        Visit(T0, Lone);

        var review = Reviews(Fold()).Single();

        review.IsOverdueAt(T0.AddDays(7).AddTicks(-1)).ShouldBeFalse();
        review.IsOverdueAt(T0.AddDays(7)).ShouldBeFalse();
        review.IsOverdueAt(T0.AddDays(7).AddTicks(1)).ShouldBeTrue();
    }

    [Fact]
    public void the_due_time_follows_the_configured_duration()
    {
        Visit(T0, Lone);

        Reviews(Fold(new PolicyOptions { SingleOfficerVisitReview = TimeSpan.FromHours(36) })).Single().DueAt.ShouldBe(T0.AddHours(36));
    }

    [Fact]
    public void a_two_officer_visit_opens_nothing_and_without_policies_nothing_is_folded()
    {
        Visit(T0, Lone, Other);
        Reviews(Fold()).ShouldBeEmpty();

        Visit(T0.AddDays(1), Lone);
        Offender? state = null;
        for (var i = 0; i < events.Count; i++)
            state = Offender.Step(state, events[i], i + 1, policies: null);
        state!.Compliance.ShouldBe(ComplianceState.None);
    }

    [Fact]
    public void two_in_a_row_by_the_same_officer_raise_the_grooming_risk_flag()
    {
        Visit(T0, Lone);
        Fold().Flags.ShouldNotContain(TwoOfficerVisits.GroomingRiskFlag);

        Visit(T0.AddDays(1), Lone);

        var offender = Fold();
        offender.Flags.ShouldContain(TwoOfficerVisits.GroomingRiskFlag);
        offender.Compliance.SingleOfficerRun!.Visits.ShouldBe(2);
        Reviews(offender).Count.ShouldBe(2);
    }

    [Fact]
    public void visits_by_different_officers_or_with_a_two_officer_visit_between_are_not_a_run()
    {
        Visit(T0, Lone);
        Visit(T0.AddDays(1), Other);
        Fold().Flags.ShouldNotContain(TwoOfficerVisits.GroomingRiskFlag);

        Visit(T0.AddDays(2), Other, Lone);
        Fold().Compliance.SingleOfficerRun.ShouldBeNull();
        Visit(T0.AddDays(3), Other);

        var offender = Fold();
        offender.Flags.ShouldNotContain(TwoOfficerVisits.GroomingRiskFlag);
        offender.Compliance.SingleOfficerRun!.Visits.ShouldBe(1);
        Reviews(offender).Count(r => r.IsOpen).ShouldBe(3);
    }

    [Fact]
    public void only_the_supervisors_review_of_each_visit_closes_its_item_and_the_flag_goes_when_the_runs_reviews_are_done()
    {
        var first = Visit(T0, Lone);
        var second = Visit(T0.AddDays(1), Lone);
        Visit(T0.AddDays(2), Lone, Other);
        var third = Visit(T0.AddDays(3), Lone);
        Fold().Flags.ShouldContain(TwoOfficerVisits.GroomingRiskFlag);

        Review(first, T0.AddDays(4));
        var afterOne = Fold();
        afterOne.Flags.ShouldContain(TwoOfficerVisits.GroomingRiskFlag);
        Reviews(afterOne).Single(r => r.OpenedByVersion == first).Closure!.At.ShouldBe(T0.AddDays(4));
        Reviews(afterOne).Where(r => r.OpenedByVersion != first).ShouldAllBe(r => r.IsOpen);

        Review(second, T0.AddDays(5));
        var afterBoth = Fold();
        afterBoth.Flags.ShouldNotContain(TwoOfficerVisits.GroomingRiskFlag);
        Reviews(afterBoth).Single(r => r.IsOpen).OpenedByVersion.ShouldBe(third);
    }
}
