using Mosovo.Api.Compliance;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using static Mosovo.Tests.Compliance.ArmsVisitsPolicyFixtures;

namespace Mosovo.Tests.Compliance;

// Pure rules: no host, no database.

public sealed class when_the_arms_cycle_is_worked_out
{
    private static readonly DateOnly June1 = new(2026, 6, 1);
    private static readonly DateTimeOffset RecordedAt = new(2026, 6, 2, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void without_an_assessment_nothing_of_the_cycle_is_open()
    {
        var offender = Fold(Visit(new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero)));

        offender.Of(ObligationKind.ArmsPeriodicReview).ShouldBeEmpty();
        offender.Of(ObligationKind.ArmsEndorsement).ShouldBeEmpty();
    }

    [Fact]
    public void an_assessment_makes_the_periodic_review_due_12_months_after_the_start_of_its_uk_day()
    {
        var assessment = Assessment(June1, RiskLevel.High, RecordedAt);

        var review = Fold(assessment).OpenOf(ObligationKind.ArmsPeriodicReview).ShouldHaveSingleItem();

        review.Key.ShouldBe($"arms-periodic-review:{assessment.AssessmentId}");
        review.AnchorAt.ShouldBe(Clock.StartOf(June1));
        // Midnight in the UK on 1 June 2027 is 23:00 UTC on 31 May (BST).
        review.DueAt.ShouldBe(new DateTimeOffset(2027, 5, 31, 23, 0, 0, TimeSpan.Zero));
        review.What.ShouldContain("dated 1 June 2026");
        review.IsOverdueAt(review.DueAt).ShouldBeFalse();
        review.IsOverdueAt(review.DueAt.AddTicks(1)).ShouldBeTrue();
    }

    [Fact]
    public void an_assessment_on_29_february_is_reviewed_by_28_february_the_next_year()
    {
        ArmsCycle.PeriodicReviewDue(new DateOnly(2028, 2, 29), new PolicyOptions()).ShouldBe(Clock.StartOf(new DateOnly(2029, 2, 28)));
    }

    [Fact]
    public void a_newer_assessment_closes_the_open_review_and_opens_the_next_from_its_date()
    {
        var first = Assessment(June1, RiskLevel.High);
        var newer = Assessment(new DateOnly(2026, 9, 1), RiskLevel.Medium);

        var offender = Fold(first, newer);

        var closed = offender.Item($"arms-periodic-review:{first.AssessmentId}");
        closed.Closure!.ByVersion.ShouldBe(3);
        closed.Closure.ByType.ShouldBe(nameof(ArmsAssessmentRecorded));
        var next = offender.OpenOf(ObligationKind.ArmsPeriodicReview).ShouldHaveSingleItem();
        next.Key.ShouldBe($"arms-periodic-review:{newer.AssessmentId}");
        next.DueAt.ShouldBe(Clock.StartOf(new DateOnly(2027, 9, 1)));
    }

    [Fact]
    public void an_assessment_dated_before_the_latest_leaves_the_review_as_it_is()
    {
        var latest = Assessment(June1, RiskLevel.High);
        var older = Assessment(new DateOnly(2026, 3, 1), RiskLevel.Low);

        var offender = Fold(latest, older);

        offender.Of(ObligationKind.ArmsPeriodicReview).ShouldHaveSingleItem().Key.ShouldBe($"arms-periodic-review:{latest.AssessmentId}");
        offender.Item($"arms-periodic-review:{latest.AssessmentId}").IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void a_same_day_revision_takes_over_the_review_with_the_same_due_time()
    {
        var first = Assessment(June1, RiskLevel.High);
        var revision = Assessment(June1, RiskLevel.VeryHigh);

        var offender = Fold(first, Returned(first, RecordedAt), revision);

        offender.Item($"arms-periodic-review:{first.AssessmentId}").IsOpen.ShouldBeFalse();
        offender.OpenOf(ObligationKind.ArmsPeriodicReview).ShouldHaveSingleItem().Key.ShouldBe($"arms-periodic-review:{revision.AssessmentId}");
    }

    [Fact]
    public void every_assessment_awaits_endorsement_for_14_days_from_when_it_was_recorded()
    {
        var assessment = Assessment(June1, RiskLevel.High, RecordedAt);

        var endorsement = Fold(assessment).OpenOf(ObligationKind.ArmsEndorsement).ShouldHaveSingleItem();

        endorsement.Key.ShouldBe($"arms-endorsement:{assessment.AssessmentId}");
        endorsement.AnchorAt.ShouldBe(RecordedAt);
        endorsement.DueAt.ShouldBe(RecordedAt.AddDays(14));
        endorsement.What.ShouldContain("ARMS assessment of 1 June 2026 by DC One");
        endorsement.IsOverdueAt(RecordedAt.AddDays(14)).ShouldBeFalse();
        endorsement.IsOverdueAt(RecordedAt.AddDays(14).AddTicks(1)).ShouldBeTrue();
    }

    [Fact]
    public void endorsement_closes_the_endorsement_of_that_assessment_only()
    {
        var first = Assessment(June1, RiskLevel.High);
        var second = Assessment(June1.AddDays(1), RiskLevel.High);

        var offender = Fold(first, second, Endorsed(first, RecordedAt.AddDays(3)));

        var endorsed = offender.Item($"arms-endorsement:{first.AssessmentId}");
        endorsed.Closure!.ByType.ShouldBe(nameof(ArmsAssessmentEndorsed));
        endorsed.Closure.ByVersion.ShouldBe(4);
        offender.Item($"arms-endorsement:{second.AssessmentId}").IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void return_for_revision_closes_the_endorsement_and_the_revision_awaits_its_own()
    {
        var first = Assessment(June1, RiskLevel.High);
        var revision = Assessment(June1.AddDays(1), RiskLevel.High);

        var offender = Fold(first, Returned(first, RecordedAt), revision);

        offender.Item($"arms-endorsement:{first.AssessmentId}").Closure!.ByType.ShouldBe(nameof(ArmsAssessmentReturnedForRevision));
        offender.OpenOf(ObligationKind.ArmsEndorsement).ShouldHaveSingleItem().Key.ShouldBe($"arms-endorsement:{revision.AssessmentId}");
    }

    [Fact]
    public void the_end_of_the_registration_closes_the_periodic_review_but_not_an_endorsement()
    {
        var assessment = Assessment(June1, RiskLevel.High);

        var offender = Fold(assessment, Ended(June1.AddDays(20)), Assessment(June1.AddDays(25), RiskLevel.Low));

        var review = offender.Of(ObligationKind.ArmsPeriodicReview).ShouldHaveSingleItem();
        review.Closure!.ByType.ShouldBe(nameof(RegistrationEnded));
        offender.Item($"arms-endorsement:{assessment.AssessmentId}").IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void the_cycle_and_endorsement_durations_come_from_the_configuration()
    {
        var assessment = Assessment(June1, RiskLevel.High, RecordedAt);

        var offender = FoldWith(new PolicyOptions { ArmsCycleMonths = 6, ArmsEndorsement = TimeSpan.FromDays(7) }, assessment);

        offender.OpenOf(ObligationKind.ArmsPeriodicReview).ShouldHaveSingleItem().DueAt.ShouldBe(Clock.StartOf(new DateOnly(2026, 12, 1)));
        offender.OpenOf(ObligationKind.ArmsEndorsement).ShouldHaveSingleItem().DueAt.ShouldBe(RecordedAt.AddDays(7));
    }
}
