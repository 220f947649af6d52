namespace Mosovo.Tests.Infrastructure;

/// <summary>A clock the test moves by hand. Timers are not faked: nothing here schedules on this clock.</summary>
public sealed class FakeTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start.ToUniversalTime();
    private readonly Lock _gate = new();

    public FakeTime() : this(new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }

    public void Set(DateTimeOffset to)
    {
        lock (_gate) _now = to.ToUniversalTime();
    }
}
