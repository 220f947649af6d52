using Mosovo.Api.Compliance;
using Mosovo.Api.Http;

namespace Mosovo.Tests.Compliance;

// Pure rules of the queue and the figures: no host, no database.

public sealed class when_the_queue_compares_due_times_with_now
{
    private static readonly DateTimeOffset Whole = new(2026, 6, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_moment_in_whole_microseconds_is_kept_and_any_tick_beyond_rounds_up_to_the_next_microsecond()
    {
        ComplianceQueue.CeilingToMicrosecond(Whole).ShouldBe(Whole);
        ComplianceQueue.CeilingToMicrosecond(Whole.AddMicroseconds(3)).ShouldBe(Whole.AddMicroseconds(3));
        ComplianceQueue.CeilingToMicrosecond(Whole.AddTicks(1)).ShouldBe(Whole.AddMicroseconds(1));
        ComplianceQueue.CeilingToMicrosecond(Whole.AddTicks(9)).ShouldBe(Whole.AddMicroseconds(1));
        ComplianceQueue.CeilingToMicrosecond(Whole.AddTicks(11)).ShouldBe(Whole.AddMicroseconds(2));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(9, true)]
    [InlineData(10, true)]
    [InlineData(-1, false)]
    public void due_before_now_rounded_up_is_exactly_now_after_due(long ticksAfterDue, bool overdue)
    {
        var due = Whole;
        var now = due.AddTicks(ticksAfterDue);

        (due < ComplianceQueue.CeilingToMicrosecond(now)).ShouldBe(overdue);
        (now > due).ShouldBe(overdue);
    }

    [Fact]
    public void a_kind_is_known_only_by_its_exact_name()
    {
        ComplianceQueue.ParseKind("SingleOfficerVisitReview").ShouldBe(ObligationKind.SingleOfficerVisitReview);
        ComplianceQueue.ParseKind("PpnSubmission").ShouldBe(ObligationKind.PpnSubmission);
        ComplianceQueue.ParseKind("singleofficervisitreview").ShouldBeNull();
        ComplianceQueue.ParseKind("0").ShouldBeNull();
        ComplianceQueue.ParseKind("").ShouldBeNull();
        ComplianceQueue.ParseKind("Nonsense").ShouldBeNull();
    }
}

public sealed class when_a_range_of_days_is_asked_for_figures
{
    private static (PracticeFigures.Range? Range, IDictionary<string, string[]> Errors) Check(DateOnly? from, DateOnly? to)
    {
        var v = new Validation();
        var range = PracticeFigures.Validate(from, to, v);
        return (range, v.Errors);
    }

    [Fact]
    public void both_days_are_required()
    {
        Check(null, new DateOnly(2026, 6, 30)).Errors.Keys.ShouldBe(["from"]);
        Check(new DateOnly(2026, 6, 1), null).Errors.Keys.ShouldBe(["to"]);
        Check(null, null).Errors.Keys.ShouldBe(["from", "to"], ignoreOrder: true);
    }

    [Fact]
    public void to_may_be_from_but_not_before_it()
    {
        Check(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 1)).Range.ShouldNotBeNull();
        Check(new DateOnly(2026, 6, 2), new DateOnly(2026, 6, 1)).Errors.Keys.ShouldBe(["to"]);
    }

    [Fact]
    public void the_range_is_at_most_two_years_of_days()
    {
        Check(new DateOnly(2024, 2, 29), new DateOnly(2026, 2, 27)).Range.ShouldNotBeNull();
        Check(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31)).Range.ShouldNotBeNull();
        var (range, errors) = Check(new DateOnly(2024, 1, 1), new DateOnly(2026, 1, 1));
        range.ShouldBeNull();
        errors["to"].Single().ShouldContain("2025-12-31");
    }

    [Fact]
    public void dates_outside_1900_to_2999_are_refused_rather_than_read_as_a_range()
    {
        Check(new DateOnly(1899, 12, 31), new DateOnly(1900, 1, 1)).Errors.Keys.ShouldBe(["from"]);
        Check(new DateOnly(2999, 12, 1), new DateOnly(3000, 1, 1)).Errors.Keys.ShouldBe(["to"]);
        Check(DateOnly.MinValue, DateOnly.MaxValue).Errors.Keys.ShouldBe(["from", "to"], ignoreOrder: true);
    }

    [Fact]
    public void the_range_runs_from_the_start_of_the_first_uk_day_to_the_start_of_the_day_after_the_last()
    {
        var summer = Check(new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 2)).Range!;
        summer.Start.ShouldBe(new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero));
        summer.End.ShouldBe(new DateTimeOffset(2026, 7, 2, 23, 0, 0, TimeSpan.Zero));

        var winter = Check(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)).Range!;
        winter.Start.ShouldBe(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        winter.End.ShouldBe(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void a_share_is_a_fraction_and_there_is_none_of_nothing()
    {
        PracticeFigures.Share(3, 5).ShouldBe(0.6);
        PracticeFigures.Share(0, 5).ShouldBe(0);
        PracticeFigures.Share(0, 0).ShouldBeNull();
    }
}
