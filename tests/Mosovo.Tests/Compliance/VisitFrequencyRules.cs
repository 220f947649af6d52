using Mosovo.Api.Compliance;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using static Mosovo.Tests.Compliance.ArmsVisitsPolicyFixtures;

namespace Mosovo.Tests.Compliance;

// Pure rules: no host, no database.

public sealed class when_the_next_home_visit_is_worked_out
{
    // 10:00 GMT on 20 January; the next visits in this file fall outside summer time unless said.
    private static readonly DateTimeOffset Visited = new(2026, 1, 20, 10, 0, 0, TimeSpan.Zero);

    private static Obligation OpenVisit(Offender offender) => offender.OpenOf(ObligationKind.HomeVisit).ShouldHaveSingleItem();

    [Fact]
    public void registration_opens_the_first_visit_due_3_months_after_the_registration_day_treated_as_high_without_an_arms()
    {
        var visit = OpenVisit(Fold());

        visit.Key.ShouldBe("home-visit:1");
        visit.AnchorAt.ShouldBe(RegisteredAt);
        visit.DueAt.ShouldBe(Clock.StartOf(RegisteredOn.AddMonths(3)));
        visit.OpenedByType.ShouldBe(nameof(OffenderRegistered));
        visit.What.ShouldContain("no ARMS yet: treated as high");
        visit.What.ShouldContain("after registration on 5 January 2026 (not visited yet)");
    }

    [Fact]
    public void a_visit_with_entry_closes_the_open_item_and_opens_the_next_from_its_time()
    {
        var offender = Fold(Visit(Visited));

        var first = offender.Item("home-visit:1");
        first.Closure!.ByVersion.ShouldBe(2);
        first.Closure.ByType.ShouldBe(nameof(HomeVisitRecorded));
        var next = OpenVisit(offender);
        next.Key.ShouldBe("home-visit:2");
        next.AnchorAt.ShouldBe(Visited);
        next.DueAt.ShouldBe(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.Zero)); // 10:00 BST
        next.What.ShouldContain("after the last visit on 20 January 2026");
    }

    [Fact]
    public void a_visit_where_entry_was_not_gained_does_not_meet_the_requirement()
    {
        var offender = Fold(Visit(Visited, entryGained: false), Visit(Visited.AddDays(1), entryGained: false));

        var visit = OpenVisit(offender);
        visit.Key.ShouldBe("home-visit:1");
        visit.DueAt.ShouldBe(Clock.StartOf(RegisteredOn.AddMonths(3)));
        offender.Of(ObligationKind.HomeVisit).Count.ShouldBe(1);
    }

    [Fact]
    public void the_visit_is_not_overdue_at_its_due_time_and_is_overdue_one_tick_later()
    {
        var visit = OpenVisit(Fold(Visit(Visited)));

        visit.IsOverdueAt(visit.DueAt).ShouldBeFalse();
        visit.IsOverdueAt(visit.DueAt.AddTicks(1)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(RiskLevel.VeryHigh, 1)]
    [InlineData(RiskLevel.High, 3)]
    [InlineData(RiskLevel.Medium, 6)]
    [InlineData(RiskLevel.Low, 12)]
    public void the_months_follow_the_arms_risk_of_serious_harm(RiskLevel level, int months)
    {
        var visit = OpenVisit(Fold(Assessment(new DateOnly(2026, 1, 10), level), Visit(Visited)));

        visit.DueAt.ShouldBe(Clock.StartOf(new DateOnly(2026, 1, 20).AddMonths(months)).AddHours(10));
        visit.What.ShouldContain($"due {months} month");
        visit.Basis.ShouldBe($"ARMS risk of serious harm {ArmsAssessmentRecorded.Words(level)}: every {months} months");
    }

    [Fact]
    public void a_change_of_level_closes_the_open_item_and_replans_it_from_the_same_last_visit()
    {
        var offender = Fold(Assessment(new DateOnly(2026, 1, 10), RiskLevel.High), Visit(Visited), Assessment(new DateOnly(2026, 2, 1), RiskLevel.VeryHigh));

        // 1: registration; 2: re-planned by the first ARMS; 3: after the visit; 4: re-planned at very high.
        var replanned = offender.Item("home-visit:4");
        replanned.AnchorAt.ShouldBe(Visited);
        replanned.DueAt.ShouldBe(Visited.AddMonths(1));
        replanned.OpenedByType.ShouldBe(nameof(ArmsAssessmentRecorded));
        replanned.What.ShouldContain("after the last visit on 20 January 2026");
        var before = offender.Item("home-visit:3");
        before.Closure!.ByType.ShouldBe(nameof(ArmsAssessmentRecorded));
        before.Closure.ByVersion.ShouldBe(4);
        before.DueAt.ShouldBe(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void the_first_arms_replans_a_never_visited_offender_from_the_registration_day()
    {
        var offender = Fold(Assessment(new DateOnly(2026, 1, 10), RiskLevel.Low));

        var visit = OpenVisit(offender);
        visit.Key.ShouldBe("home-visit:2");
        visit.AnchorAt.ShouldBe(RegisteredAt);
        visit.DueAt.ShouldBe(Clock.StartOf(RegisteredOn.AddMonths(12)));
        visit.What.ShouldContain("after registration on 5 January 2026 (not visited yet)");
    }

    [Fact]
    public void a_first_arms_at_high_keeps_the_due_time_and_no_longer_says_it_is_assumed()
    {
        var visit = OpenVisit(Fold(Visit(Visited), Assessment(new DateOnly(2026, 1, 25), RiskLevel.High)));

        visit.Key.ShouldBe("home-visit:3");
        visit.DueAt.ShouldBe(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.Zero));
        visit.What.ShouldNotContain("no ARMS yet");
    }

    [Fact]
    public void an_assessment_at_the_same_level_changes_nothing()
    {
        var offender = Fold(Assessment(new DateOnly(2026, 1, 10), RiskLevel.Medium), Visit(Visited), Assessment(new DateOnly(2026, 1, 25), RiskLevel.Medium));

        OpenVisit(offender).Key.ShouldBe("home-visit:3");
        offender.Of(ObligationKind.HomeVisit).Count.ShouldBe(3);
    }

    [Fact]
    public void an_older_assessment_recorded_late_does_not_change_the_level()
    {
        var offender = Fold(Assessment(new DateOnly(2026, 1, 10), RiskLevel.Medium), Visit(Visited), Assessment(new DateOnly(2026, 1, 2), RiskLevel.VeryHigh));

        OpenVisit(offender).Key.ShouldBe("home-visit:3");
    }

    [Fact]
    public void a_visit_recorded_late_and_dated_before_the_last_one_changes_nothing()
    {
        var offender = Fold(Visit(Visited), Visit(Visited.AddDays(-3)));

        var visit = OpenVisit(offender);
        visit.Key.ShouldBe("home-visit:2");
        visit.AnchorAt.ShouldBe(Visited);
    }

    [Fact]
    public void a_waived_visit_stays_waived_until_the_next_visit_with_entry()
    {
        var waived = Fold(Visit(Visited), Waived("home-visit:2", ObligationKind.HomeVisit, Visited.AddDays(5)), Assessment(new DateOnly(2026, 2, 1), RiskLevel.VeryHigh));
        waived.OpenOf(ObligationKind.HomeVisit).ShouldBeEmpty();
        waived.Item("home-visit:2").Closure!.Waived.ShouldBeTrue();

        var resumed = Fold(Visit(Visited), Waived("home-visit:2", ObligationKind.HomeVisit, Visited.AddDays(5)), Assessment(new DateOnly(2026, 2, 1), RiskLevel.VeryHigh),
            Visit(Visited.AddDays(60)));
        var visit = OpenVisit(resumed);
        visit.Key.ShouldBe("home-visit:3");
        visit.DueAt.ShouldBe(Visited.AddDays(60).AddMonths(1).AddHours(-1)); // 10:00 BST on 21 April
    }

    [Fact]
    public void the_end_of_the_registration_closes_the_open_visit_and_none_opens_after()
    {
        var offender = Fold(Visit(Visited), Ended(new DateOnly(2026, 2, 1)), Visit(Visited.AddDays(20)));

        offender.OpenOf(ObligationKind.HomeVisit).ShouldBeEmpty();
        offender.Item("home-visit:2").Closure!.ByType.ShouldBe(nameof(RegistrationEnded));
    }

    [Fact]
    public void months_are_counted_on_the_uk_calendar_at_the_same_uk_time_of_day()
    {
        var options = new PolicyOptions();

        // 31 January 10:00 GMT, 1 month at very high: the last day of February, 10:00 GMT.
        VisitFrequency.NextVisitDue(new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero), RiskLevel.VeryHigh, options)
            .ShouldBe(new DateTimeOffset(2026, 2, 28, 10, 0, 0, TimeSpan.Zero));
        // 20 March 10:00 GMT, 3 months at high (no ARMS): 20 June 10:00 BST = 09:00 UTC.
        VisitFrequency.NextVisitDue(new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.Zero), null, options)
            .ShouldBe(new DateTimeOffset(2026, 6, 20, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void the_months_come_from_the_configuration()
    {
        var visit = FoldWith(new PolicyOptions { VisitMonthsHigh = 2 }, Visit(Visited)).OpenOf(ObligationKind.HomeVisit).ShouldHaveSingleItem();

        visit.DueAt.ShouldBe(Visited.AddMonths(2));
        visit.What.ShouldContain("no ARMS yet: treated as high: every 2 months");
    }
}

public sealed class when_reactive_management_is_considered
{
    private static ArmsAssessmentRecorded Low(int year, int month = 6, int day = 1) => Assessment(new DateOnly(year, month, day), RiskLevel.Low);

    [Fact]
    public void low_for_three_years_by_assessment_dates_raises_the_flag_and_visits_stay_due()
    {
        var offender = Fold(Low(2023), Low(2024), Low(2025), Low(2026));

        offender.Flags.ShouldContain(VisitFrequency.ReactiveManagementFlag);
        offender.OpenOf(ObligationKind.HomeVisit).ShouldHaveSingleItem();
    }

    [Fact]
    public void a_day_short_of_three_years_does_not()
    {
        Fold(Low(2023), Low(2024), Low(2026, 5, 31)).Flags.ShouldNotContain(VisitFrequency.ReactiveManagementFlag);
    }

    [Fact]
    public void a_higher_assessment_in_between_starts_the_run_again()
    {
        Fold(Low(2022), Assessment(new DateOnly(2024, 6, 1), RiskLevel.Medium), Low(2025), Low(2026))
            .Flags.ShouldNotContain(VisitFrequency.ReactiveManagementFlag);
    }

    [Fact]
    public void a_later_higher_assessment_lowers_the_flag()
    {
        var offender = Fold(Low(2023), Low(2026), Assessment(new DateOnly(2026, 7, 1), RiskLevel.Medium));

        offender.Flags.ShouldNotContain(VisitFrequency.ReactiveManagementFlag);
    }

    [Fact]
    public void an_assessment_returned_for_revision_does_not_count()
    {
        var first = Low(2023);
        var offender = Fold(first, Low(2024), Low(2026), Returned(first, new DateTimeOffset(2026, 6, 2, 9, 0, 0, TimeSpan.Zero)));

        offender.Flags.ShouldNotContain(VisitFrequency.ReactiveManagementFlag);
    }

    [Fact]
    public void the_years_come_from_the_configuration()
    {
        var offender = FoldWith(new PolicyOptions { ReactiveManagementAfterLowYears = 2 }, Low(2024), Low(2026));

        offender.Flags.ShouldContain(VisitFrequency.ReactiveManagementFlag);
    }
}
