using System.Globalization;

namespace Mosovo.Api.Offenders;

/// <summary>
/// How long an offender must notify the police: the Sexual Offences Act 2003 s.82 table, worked out from the
/// sentence and the offender's age on the relevant date. Pure: the same inputs always give the same period.
/// </summary>
/// <param name="Indefinite">An indefinite period: it ends only on a successful review (s.91A to s.91F) or another end.</param>
/// <param name="Months">The length of a fixed period in calendar months; null when indefinite or not known.</param>
/// <param name="HalvedForUnder18">The period was halved under s.82(2): the offender was under 18 on the relevant date.</param>
/// <param name="Basis">The line of the s.82 table that applies, in words, for the officer who checks it.</param>
public sealed record NotificationPeriod(bool Indefinite, int? Months, bool HalvedForUnder18, string Basis)
{
    // The s.82(1) table. These are the statute's numbers, not force policy: they change only if Parliament changes them.

    /// <summary>Imprisonment for this many months or more gives an indefinite period.</summary>
    public const int IndefiniteFromMonths = 30;

    /// <summary>Imprisonment for this many months or less gives 7 years; more (but under 30 months) gives 10 years.</summary>
    public const int ShortTermUpToMonths = 6;

    /// <summary>10 years: imprisonment for more than 6 months but less than 30 months.</summary>
    public const int MiddleTermPeriodMonths = 10 * 12;

    /// <summary>7 years: imprisonment for 6 months or less, and a hospital order without a restriction order.</summary>
    public const int ShortTermPeriodMonths = 7 * 12;

    /// <summary>2 years: a caution (s.80(1)(d)).</summary>
    public const int CautionPeriodMonths = 2 * 12;

    /// <summary>5 years: any other description (community order, fine, youth rehabilitation or referral order).</summary>
    public const int OtherPeriodMonths = 5 * 12;

    /// <summary>s.82(2): the fixed periods of 10, 7, 5 and 2 years are halved for a person under this age on the relevant date.</summary>
    public const int AdultAge = 18;

    /// <summary>s.91B(2)(a): an adult may apply for a review of indefinite requirements from the day after 15 years beginning with the relevant notification.</summary>
    public const int AdultReviewYears = 15;

    /// <summary>s.91B(2)(b): 8 years for a person under 18 on the relevant date.</summary>
    public const int YouthReviewYears = 8;

    /// <summary>The period in words: "indefinite", "10 years", "3 years 6 months".</summary>
    public string Description => Indefinite ? "indefinite" : Months is { } months ? DescribeMonths(months) : "not known";

    /// <summary>
    /// The notification period for a sentence. <paramref name="relevantDate"/> is the s.82(6) relevant date: the
    /// date of conviction (for a caution, the date of the caution; for an offence listed in Schedule 3 subject to
    /// a sentencing condition, s.132(3) makes it the date the condition was met, i.e. the sentencing date).
    /// </summary>
    public static NotificationPeriod For(Sentence sentence, DateOnly dateOfBirth, DateOnly relevantDate)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var under18 = IsUnder18On(dateOfBirth, relevantDate);

        return sentence.Kind switch
        {
            SentenceKind.LifeOrIndeterminate => Indefinitely("s.82(1): imprisonment for life or an indeterminate sentence"),
            SentenceKind.HospitalOrderWithRestriction => Indefinitely("s.82(1): admitted to hospital subject to a restriction order"),
            // A suspended sentence is a sentence of imprisonment whose taking effect is suspended (Sentencing Act
            // 2020 s.286(1); formerly Criminal Justice Act 2003 s.189), so for s.82 the offender "has been sentenced
            // to imprisonment for a term" of the suspended term: it counts exactly as an immediate term of that
            // length. A suspended term is at most 2 years, so it always gives 7 or 10 years, never indefinite.
            SentenceKind.Custodial or SentenceKind.SuspendedCustodial => ForImprisonment(sentence, under18),
            SentenceKind.HospitalOrder => Fixed(ShortTermPeriodMonths, under18, "s.82(1): admitted to hospital without a restriction order (7 years)"),
            SentenceKind.Caution => Fixed(CautionPeriodMonths, under18, "s.82(1): cautioned, s.80(1)(d) (2 years)"),
            // s.82(2) halves only the periods of 10, 7, 5 and 2 years: the period of a conditional discharge is
            // never halved, whatever the offender's age.
            SentenceKind.ConditionalDischarge => sentence.DischargeMonths is { } discharge
                ? new NotificationPeriod(false, discharge, false, "s.82(1): conditional discharge (the period of the discharge; s.82(2) does not halve it)")
                : new NotificationPeriod(false, null, false, "s.82(1): conditional discharge, but the length of the discharge is not recorded"),
            SentenceKind.CommunityOrder or SentenceKind.Fine => Fixed(OtherPeriodMonths, under18, "s.82(1): any other description (5 years)"),
            _ => throw new ArgumentOutOfRangeException(nameof(sentence), sentence.Kind, "Unknown sentence kind."),
        };
    }

    private static NotificationPeriod ForImprisonment(Sentence sentence, bool under18)
    {
        var term = sentence.CustodialMonths
            ?? throw new ArgumentException("A custodial or suspended sentence needs its term in months.", nameof(sentence));
        var suspended = sentence.Kind == SentenceKind.SuspendedCustodial ? "suspended " : "";
        var months = string.Create(CultureInfo.InvariantCulture, $"{term} months");
        if (term >= IndefiniteFromMonths)
            return Indefinitely($"s.82(1): {suspended}imprisonment for 30 months or more ({months})");
        if (term > ShortTermUpToMonths)
            return Fixed(MiddleTermPeriodMonths, under18, $"s.82(1): {suspended}imprisonment for more than 6 months but less than 30 months ({months}; 10 years)");
        return Fixed(ShortTermPeriodMonths, under18, $"s.82(1): {suspended}imprisonment for 6 months or less ({months}; 7 years)");
    }

    private static NotificationPeriod Indefinitely(string basis) => new(true, null, false, basis);

    private static NotificationPeriod Fixed(int months, bool under18, string basis) => under18
        ? new NotificationPeriod(false, months / 2, true, basis + "; halved by s.82(2): under 18 on the relevant date")
        : new NotificationPeriod(false, months, false, basis);

    /// <summary>
    /// The last day of a fixed period. A period of N years "beginning with" the relevant date includes that day,
    /// so it runs to the day before the Nth anniversary: 10 years from 1 May 2020 ends on 30 April 2030. Null
    /// when the period is indefinite or not known.
    /// </summary>
    public DateOnly? LastDay(DateOnly relevantDate) =>
        Indefinite || Months is not { } months ? null : relevantDate.AddMonths(months).AddDays(-1);

    /// <summary>
    /// s.91B(2): the qualifying date from which an offender on indefinite requirements may apply for a review:
    /// the day after the end of the 15-year (8-year if under 18 on the relevant date) period beginning with the
    /// day of the relevant notification, i.e. its 15th (8th) anniversary. Null for a fixed period.
    /// </summary>
    /// <param name="firstNotifiedOn">The day of the relevant notification: the initial notification under s.83(1)
    /// (for an offender released from custody, the first notification after release).</param>
    public DateOnly? ReviewEligibleOn(DateOnly dateOfBirth, DateOnly relevantDate, DateOnly firstNotifiedOn) =>
        Indefinite ? firstNotifiedOn.AddYears(IsUnder18On(dateOfBirth, relevantDate) ? YouthReviewYears : AdultReviewYears) : null;

    /// <summary>
    /// Whether a person is under 18 on a day. A person attains an age at the start of the anniversary of their
    /// birth (Family Law Reform Act 1969 s.9), so on their 18th birthday they are 18, not under 18. For a person
    /// born on 29 February we take the anniversary in a common year to be 1 March (the usual reading in England
    /// and Wales; no statute settles it), so they are still 17 on 28 February.
    /// </summary>
    public static bool IsUnder18On(DateOnly dateOfBirth, DateOnly day) => day < Anniversary(dateOfBirth, AdultAge);

    private static DateOnly Anniversary(DateOnly dateOfBirth, int years)
    {
        var year = dateOfBirth.Year + years;
        return dateOfBirth is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
            ? new DateOnly(year, 3, 1)
            : new DateOnly(year, dateOfBirth.Month, dateOfBirth.Day);
    }

    private static string DescribeMonths(int months)
    {
        var years = months / 12;
        var rest = months % 12;
        var parts = new List<string>();
        if (years > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{years} year{(years == 1 ? "" : "s")}"));
        if (rest > 0 || years == 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{rest} month{(rest == 1 ? "" : "s")}"));
        return string.Join(" ", parts);
    }
}
