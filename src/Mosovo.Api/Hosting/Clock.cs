namespace Mosovo.Api.Hosting;

/// <summary>Dates as officers mean them: the calendar day in the force's time zone (UK).</summary>
public static class Clock
{
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Today(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), UkTime).DateTime);
}
