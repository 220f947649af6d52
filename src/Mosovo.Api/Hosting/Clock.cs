namespace Mosovo.Api.Hosting;

/// <summary>The moment a request is handled, and the calendar day it falls on in the UK.</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
public readonly record struct Now(DateTimeOffset Moment, DateOnly Today);

/// <summary>Dates as officers mean them: the calendar day in the force's time zone (UK).</summary>
public static class Clock
{
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Today(TimeProvider time) => DayOf(time.GetUtcNow());

    public static DateOnly DayOf(DateTimeOffset moment) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, UkTime).DateTime);

    public static Now Now(TimeProvider time)
    {
        var moment = time.GetUtcNow();
        return new Now(moment, DayOf(moment));
    }

    /// <summary>
    /// A moment as PostgreSQL's <c>timestamptz</c> keeps it: in UTC, to the whole microsecond (a .NET tick is a tenth of
    /// one). Obligations hold their times this way, so that a row read back from <c>mosovo.obligations</c> equals the
    /// obligation the policies worked out.
    /// </summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset moment) =>
        new(moment.UtcTicks - moment.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);

    /// <summary>Midnight at the start of a UK calendar day, as a moment.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, UkTime.GetUtcOffset(local)).ToUniversalTime();
    }
}
