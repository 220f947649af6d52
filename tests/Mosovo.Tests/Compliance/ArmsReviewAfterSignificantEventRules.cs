using Mosovo.Api.Compliance;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using static Mosovo.Tests.Compliance.ArmsVisitsPolicyFixtures;

namespace Mosovo.Tests.Compliance;

// Pure rules: no host, no database.

public sealed class when_significant_events_open_arms_reviews
{
    private static readonly DateTimeOffset Received = new(2026, 3, 10, 14, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly March10 = new(2026, 3, 10);

    private static Obligation Review(Offender offender) => offender.Of(ObligationKind.ArmsReviewAfterSignificantEvent).ShouldHaveSingleItem();

    [Fact]
    public void new_contact_with_a_child_opens_a_review_due_3_days_after_it_was_received()
    {
        var offender = Fold(ChildContact(Received));

        var review = Review(offender);
        review.Key.ShouldBe("arms-review:2");
        review.AnchorAt.ShouldBe(Received);
        review.DueAt.ShouldBe(Received.AddDays(3));
        review.OpenedByVersion.ShouldBe(2);
        review.OpenedByType.ShouldBe(nameof(DisclosureReceived));
        review.What.ShouldContain("new child contact");
        review.What.ShouldContain("dated on or after 10 March 2026");
        review.Basis.ShouldBe("3 days after new contact with a child");
        review.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void a_new_partner_with_children_under_18_is_child_contact_due_in_3_days()
    {
        Review(Fold(Relationship(Received, partnerHasChildren: true))).DueAt.ShouldBe(Received.AddDays(3));
    }

    [Fact]
    public void a_new_relationship_without_children_is_due_in_28_days()
    {
        var review = Review(Fold(Relationship(Received, partnerHasChildren: false)));

        review.DueAt.ShouldBe(Received.AddDays(28));
        review.What.ShouldContain("new relationship");
        review.Basis.ShouldBe("28 days after a significant event");
    }

    public static TheoryData<string, IOffenderEvent, DateTimeOffset, int> SignificantEvents => new()
    {
        { "change of address", AddressChange(March10), Clock.StartOf(March10), 28 },
        { "change of address", NoFixedAbodeReport(March10, since: March10.AddDays(-2)), Clock.StartOf(March10), 28 },
        { "new child contact", Household(March10, childPresent: true), Clock.StartOf(March10), 3 },
        { "breach", Breach(March10, Received), Received, 28 },
        { "arrest or charge", BreachDecision(BreachOutcome.Arrest, Received), Received, 28 },
        { "MAPPA level change", MappaLevel(1, 2, March10), Clock.StartOf(March10), 28 },
        { "MAPPA level change", MappaLevel(null, 3, March10), Clock.StartOf(March10), 28 },
        { "significant intelligence", IntelligenceItem(March10, significant: true), Clock.StartOf(March10), 28 },
        { "release from custody", new ReleasedFromCustody(March10, "HMP Exampleton", true, new Actor("manager-id", "DC Manager"), Received), Clock.StartOf(March10), 28 },
    };

    [Theory]
    [MemberData(nameof(SignificantEvents))]
    public void each_significant_event_opens_a_review_due_from_when_it_counts(string kind, IOffenderEvent significant, DateTimeOffset anchor, int days)
    {
        var review = Review(Fold(significant));

        review.What.ShouldContain($"({kind})");
        review.AnchorAt.ShouldBe(anchor);
        review.DueAt.ShouldBe(anchor.AddDays(days));
    }

    public static TheoryData<string, IOffenderEvent> OrdinaryEvents => new()
    {
        { "new employment, even with access to children (not in the table)", Employment(Received, accessToChildren: true) },
        { "a household without a child", Household(March10, childPresent: false) },
        { "a stay at an unnotified address", Stay(March10) },
        { "a breach decided with a warning letter", BreachDecision(BreachOutcome.WarningLetter, Received) },
        { "a breach decided with criminal investigation", BreachDecision(BreachOutcome.CriminalInvestigation, Received) },
        { "intelligence not marked significant", IntelligenceItem(March10, significant: false) },
        { "a change of MAPPA category", MappaCategory(Received) },
        { "a home visit", Visit(Received) },
        { "an ARMS assessment", Assessment(March10, RiskLevel.High) },
    };

    [Theory]
    [MemberData(nameof(OrdinaryEvents))]
    public void other_events_open_no_review(string what, IOffenderEvent ordinary)
    {
        Fold(ordinary).Of(ObligationKind.ArmsReviewAfterSignificantEvent).ShouldBeEmpty(what);
    }

    [Fact]
    public void only_the_first_weekly_report_of_no_fixed_abode_is_a_change_of_address()
    {
        var offender = Fold(NoFixedAbodeReport(March10, since: March10.AddDays(-1)), NoFixedAbodeReport(March10.AddDays(7), since: null));

        Review(offender).Key.ShouldBe("arms-review:2");
    }

    [Fact]
    public void a_breach_found_late_counts_from_when_it_was_recorded_not_from_when_it_happened()
    {
        var recorded = new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.Zero);

        var review = Review(Fold(Breach(new DateOnly(2026, 3, 1), recorded)));

        review.AnchorAt.ShouldBe(recorded);
        review.DueAt.ShouldBe(recorded.AddDays(28));
    }

    [Fact]
    public void each_significant_event_opens_its_own_review()
    {
        var offender = Fold(ChildContact(Received), IntelligenceItem(March10.AddDays(1), significant: true));

        offender.OpenOf(ObligationKind.ArmsReviewAfterSignificantEvent).Select(o => o.Key).ShouldBe(["arms-review:2", "arms-review:3"]);
    }

    [Fact]
    public void the_review_is_not_overdue_at_its_due_time_and_is_overdue_one_tick_later()
    {
        var review = Review(Fold(ChildContact(Received)));

        review.IsOverdueAt(Received.AddDays(3)).ShouldBeFalse();
        review.IsOverdueAt(Received.AddDays(3).AddTicks(1)).ShouldBeTrue();
    }

    [Fact]
    public void an_assessment_dated_the_day_before_leaves_it_open_and_one_dated_the_same_day_closes_it()
    {
        var before = Fold(ChildContact(Received), Assessment(March10.AddDays(-1), RiskLevel.High));
        Review(before).IsOpen.ShouldBeTrue();

        var sameDay = Assessment(March10, RiskLevel.High);
        var closed = Review(Fold(ChildContact(Received), Assessment(March10.AddDays(-1), RiskLevel.High), sameDay));

        closed.IsOpen.ShouldBeFalse();
        closed.Closure!.ByVersion.ShouldBe(4);
        closed.Closure.ByType.ShouldBe(nameof(ArmsAssessmentRecorded));
        closed.Closure.Waived.ShouldBeFalse();
    }

    [Fact]
    public void an_assessment_dated_after_the_event_closes_it()
    {
        Review(Fold(ChildContact(Received), Assessment(March10.AddDays(2), RiskLevel.High))).IsOpen.ShouldBeFalse();
    }

    [Fact]
    public void the_day_is_the_uk_calendar_day_of_the_event()
    {
        // 23:30 UTC on 10 June is 00:30 on 11 June in the UK (BST): an assessment dated 10 June is the day before.
        var lateEvening = new DateTimeOffset(2026, 6, 10, 23, 30, 0, TimeSpan.Zero);

        Review(Fold(ChildContact(lateEvening), Assessment(new DateOnly(2026, 6, 10), RiskLevel.High))).IsOpen.ShouldBeTrue();
        Review(Fold(ChildContact(lateEvening), Assessment(new DateOnly(2026, 6, 11), RiskLevel.High))).IsOpen.ShouldBeFalse();
    }

    [Fact]
    public void one_assessment_closes_every_review_it_satisfies_and_only_those()
    {
        var offender = Fold(
            ChildContact(Received),
            IntelligenceItem(March10.AddDays(1), significant: true),
            MappaLevel(1, 2, March10.AddDays(10)),
            Assessment(March10.AddDays(5), RiskLevel.High));

        offender.Item("arms-review:2").IsOpen.ShouldBeFalse();
        offender.Item("arms-review:3").IsOpen.ShouldBeFalse();
        offender.Item("arms-review:4").IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void an_assessment_recorded_before_the_event_was_recorded_does_not_close_it_even_on_the_same_day()
    {
        var offender = Fold(Assessment(March10, RiskLevel.High), ChildContact(Received));

        Review(offender).IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void a_supervisors_waiver_closes_it_with_the_reason()
    {
        var waived = Review(Fold(ChildContact(Received), Waived("arms-review:2", ObligationKind.ArmsReviewAfterSignificantEvent, Received.AddDays(1))));

        waived.IsOpen.ShouldBeFalse();
        waived.Closure!.Waived.ShouldBeTrue();
        waived.Closure.Reason.ShouldBe("Offender in hospital.");
    }

    [Fact]
    public void the_durations_come_from_the_configuration()
    {
        var options = new PolicyOptions { ArmsReviewAfterChildContact = TimeSpan.FromHours(36), ArmsReviewAfterSignificantEvent = TimeSpan.FromDays(10) };

        var offender = FoldWith(options, ChildContact(Received), Relationship(Received, partnerHasChildren: false));

        offender.Item("arms-review:2").DueAt.ShouldBe(Received.AddHours(36));
        offender.Item("arms-review:2").Basis.ShouldBe("36 hours after new contact with a child");
        offender.Item("arms-review:3").DueAt.ShouldBe(Received.AddDays(10));
    }
}
