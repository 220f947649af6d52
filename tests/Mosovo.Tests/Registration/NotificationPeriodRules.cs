using Mosovo.Api.Offenders;

namespace Mosovo.Tests.Registration;

// Pure rules: no host, no database. Sexual Offences Act 2003 s.82 and s.91B.

public sealed class when_the_notification_period_is_worked_out
{
    private static readonly DateOnly Convicted = new(2020, 5, 1);
    private static readonly DateOnly Adult = new(1980, 4, 1);

    /// <summary>15 on the conviction date.</summary>
    private static readonly DateOnly Youth = new(2004, 9, 1);

    private static Sentence Custody(int months) => new(SentenceKind.Custodial, months, null);

    private static Sentence Suspended(int months) => new(SentenceKind.SuspendedCustodial, months, null);

    private static Sentence Of(SentenceKind kind) => new(kind, null, null);

    public static TheoryData<string, Sentence, bool, int?> Table => new()
    {
        // description, sentence, indefinite, months for an adult
        { "life", Of(SentenceKind.LifeOrIndeterminate), true, null },
        { "36 months", Custody(36), true, null },
        { "exactly 30 months", Custody(30), true, null },
        { "29 months", Custody(29), false, 120 },
        { "7 months", Custody(7), false, 120 },
        { "exactly 6 months", Custody(6), false, 84 },
        { "1 month", Custody(1), false, 84 },
        { "suspended 24 months", Suspended(24), false, 120 },
        { "suspended 7 months", Suspended(7), false, 120 },
        { "suspended exactly 6 months", Suspended(6), false, 84 },
        { "hospital order with restriction", Of(SentenceKind.HospitalOrderWithRestriction), true, null },
        { "hospital order", Of(SentenceKind.HospitalOrder), false, 84 },
        { "caution", Of(SentenceKind.Caution), false, 24 },
        { "community order", Of(SentenceKind.CommunityOrder), false, 60 },
        { "fine", Of(SentenceKind.Fine), false, 60 },
        { "conditional discharge of 18 months", new Sentence(SentenceKind.ConditionalDischarge, null, null, 18), false, 18 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void an_adult_gets_the_period_in_the_s82_table(string description, Sentence sentence, bool indefinite, int? months)
    {
        var period = NotificationPeriod.For(sentence, Adult, Convicted);

        period.Indefinite.ShouldBe(indefinite, description);
        period.Months.ShouldBe(months, description);
        period.HalvedForUnder18.ShouldBeFalse(description);
        period.Basis.ShouldStartWith("s.82(1)", customMessage: description);
    }

    public static TheoryData<string, Sentence, bool, int?> YouthTable => new()
    {
        { "36 months: indefinite is not halved", Custody(36), true, null },
        { "29 months: 10 years halved", Custody(29), false, 60 },
        { "exactly 6 months: 7 years halved", Custody(6), false, 42 },
        { "hospital order: 7 years halved", Of(SentenceKind.HospitalOrder), false, 42 },
        { "caution: 2 years halved", Of(SentenceKind.Caution), false, 12 },
        { "community order: 5 years halved", Of(SentenceKind.CommunityOrder), false, 30 },
        { "conditional discharge: s.82(2) does not halve it", new Sentence(SentenceKind.ConditionalDischarge, null, null, 18), false, 18 },
    };

    [Theory]
    [MemberData(nameof(YouthTable))]
    public void an_offender_under_18_on_the_conviction_date_has_the_fixed_periods_halved(string description, Sentence sentence, bool indefinite, int? months)
    {
        var period = NotificationPeriod.For(sentence, Youth, Convicted);

        period.Indefinite.ShouldBe(indefinite, description);
        period.Months.ShouldBe(months, description);
        period.HalvedForUnder18.ShouldBe(months is 60 or 42 or 12 or 30, description);
    }

    [Fact]
    public void an_offender_convicted_on_their_18th_birthday_is_18_and_the_day_before_is_17()
    {
        var dob = new DateOnly(2002, 5, 1);

        NotificationPeriod.For(Custody(12), dob, new DateOnly(2020, 5, 1)).Months.ShouldBe(120);
        NotificationPeriod.For(Custody(12), dob, new DateOnly(2020, 4, 30)).Months.ShouldBe(60);
    }

    [Fact]
    public void someone_born_on_29_february_turns_18_on_1_march_in_a_common_year()
    {
        var dob = new DateOnly(2004, 2, 29);

        NotificationPeriod.IsUnder18On(dob, new DateOnly(2022, 2, 28)).ShouldBeTrue();
        NotificationPeriod.IsUnder18On(dob, new DateOnly(2022, 3, 1)).ShouldBeFalse();
        NotificationPeriod.IsUnder18On(new DateOnly(2004, 2, 28), new DateOnly(2022, 2, 28)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(120, "2030-04-30")]
    [InlineData(84, "2027-04-30")]
    [InlineData(42, "2023-10-31")]
    [InlineData(24, "2022-04-30")]
    [InlineData(18, "2021-10-31")]
    public void a_fixed_period_beginning_with_the_conviction_date_ends_the_day_before_its_anniversary(int months, string lastDay)
    {
        new NotificationPeriod(false, months, false, "").LastDay(Convicted).ShouldBe(DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void an_indefinite_period_has_no_last_day_and_an_unknown_one_neither()
    {
        NotificationPeriod.For(Custody(30), Adult, Convicted).LastDay(Convicted).ShouldBeNull();
        var unknown = NotificationPeriod.For(Of(SentenceKind.ConditionalDischarge), Adult, Convicted);
        unknown.Months.ShouldBeNull();
        unknown.LastDay(Convicted).ShouldBeNull();
        unknown.Description.ShouldBe("not known");
    }

    [Fact]
    public void indefinite_requirements_may_be_reviewed_15_years_after_the_first_notification_or_8_if_under_18()
    {
        var firstNotified = new DateOnly(2026, 6, 15);

        NotificationPeriod.For(Custody(36), Adult, Convicted).ReviewEligibleOn(Adult, Convicted, firstNotified).ShouldBe(new DateOnly(2041, 6, 15));
        NotificationPeriod.For(Custody(36), Youth, Convicted).ReviewEligibleOn(Youth, Convicted, firstNotified).ShouldBe(new DateOnly(2034, 6, 15));
        NotificationPeriod.For(Custody(29), Adult, Convicted).ReviewEligibleOn(Adult, Convicted, firstNotified).ShouldBeNull();
    }

    [Theory]
    [InlineData(120, "10 years")]
    [InlineData(42, "3 years 6 months")]
    [InlineData(12, "1 year")]
    [InlineData(18, "1 year 6 months")]
    [InlineData(6, "6 months")]
    [InlineData(1, "1 month")]
    public void the_period_reads_in_years_and_months(int months, string words)
    {
        new NotificationPeriod(false, months, false, "").Description.ShouldBe(words);
        new NotificationPeriod(true, null, false, "").Description.ShouldBe("indefinite");
    }

    [Fact]
    public void every_sentence_kind_has_a_period()
    {
        foreach (var kind in Enum.GetValues<SentenceKind>())
        {
            var sentence = new Sentence(kind, kind is SentenceKind.Custodial or SentenceKind.SuspendedCustodial ? 12 : null, null,
                kind == SentenceKind.ConditionalDischarge ? 12 : null);
            var period = NotificationPeriod.For(sentence, Adult, Convicted);
            (period.Indefinite || period.Months > 0).ShouldBeTrue(kind.ToString());
        }
    }
}

public sealed class when_notification_deadlines_are_worked_out
{
    private static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-06-01", "2026-06-01", 0)]
    [InlineData("2026-06-01", "2026-06-03", 0)]
    [InlineData("2026-06-01", "2026-06-04", 1)]
    [InlineData("2026-06-01", "2026-06-11", 8)]
    [InlineData("2026-06-10", "2026-06-01", 0)]
    public void a_change_is_due_within_3_days_beginning_with_the_day_of_the_change(string changedOn, string notifiedOn, int daysLate)
    {
        var dueBy = NotificationDeadlines.ChangeDueBy(D(changedOn));

        dueBy.ShouldBe(D(changedOn).AddDays(2));
        NotificationDeadlines.DaysLate(dueBy, D(notifiedOn)).ShouldBe(daysLate);
    }

    [Theory]
    [InlineData("2026-07-03", false, 0)]
    [InlineData("2026-07-04", false, 1)]
    [InlineData("2026-07-09", false, 6)]
    [InlineData("2026-07-09", true, 0)]
    [InlineData("2026-07-10", true, 1)]
    [InlineData("2026-07-12", false, 9)]
    public void foreign_travel_is_due_7_days_before_departure_or_the_day_before_with_a_reasonable_excuse(string notifiedOn, bool reasonGiven, int daysLate)
    {
        var dueBy = NotificationDeadlines.ForeignTravelDueBy(D("2026-07-10"), reasonGiven);

        NotificationDeadlines.DaysLate(dueBy, D(notifiedOn)).ShouldBe(daysLate);
    }

    [Theory]
    [InlineData("2026-06-01", null, "2026-06-07")]
    [InlineData("2026-06-01", "2026-06-30", "2026-06-07")]
    [InlineData("2026-06-01", "2026-06-07", "2026-06-07")]
    [InlineData("2026-06-01", "2026-06-03", "2026-06-03")]
    public void a_stay_becomes_notifiable_on_its_seventh_day_or_on_its_last_day_if_shorter(string from, string? to, string qualifiesOn)
    {
        NotificationDeadlines.StayQualifiesOn(D(from), to is null ? null : D(to)).ShouldBe(D(qualifiesOn));
    }

    [Fact]
    public void the_periodic_notification_is_due_a_year_after_the_last_or_a_week_after_when_of_no_fixed_abode()
    {
        NotificationDeadlines.PeriodicDueBy(D("2025-06-01"), noFixedAbode: false).ShouldBe(D("2026-06-01"));
        NotificationDeadlines.PeriodicDueBy(D("2025-06-01"), noFixedAbode: true).ShouldBe(D("2025-06-08"));
        NotificationDeadlines.PeriodicDueBy(D("2024-02-29"), noFixedAbode: false).ShouldBe(D("2025-02-28"));
    }

    [Fact]
    public void days_are_shown_as_officers_write_them()
    {
        NotificationDeadlines.Show(D("2030-04-30")).ShouldBe("30 Apr 2030");
    }
}
