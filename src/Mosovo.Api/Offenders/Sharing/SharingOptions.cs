namespace Mosovo.Api.Offenders;

/// <summary>The <c>Sharing</c> section: how long a share may last, what the partner summary calls recent, and how often expiries are recorded.</summary>
public sealed class SharingOptions
{
    public const string Section = "Sharing";

    /// <summary>The longest a share may run from when it is granted. Default 365 days: MAPPA reviews a case at least yearly.</summary>
    public TimeSpan MaxShareLength { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How far back the partner summary lists significant events. Default 365 days.</summary>
    public TimeSpan RecentEvents { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often the expiry of shares whose time has run out is recorded on their streams. Default 1 minute.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>This instance starts the expiry sweep (it runs on one node at a time). Default true.</summary>
    public bool RecordExpiries { get; set; } = true;

    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new (string, TimeSpan)[]
        {
            (nameof(MaxShareLength), MaxShareLength), (nameof(RecentEvents), RecentEvents), (nameof(ExpirySweepInterval), ExpirySweepInterval),
        })
        {
            if (value <= TimeSpan.Zero)
                yield return $"{Section}:{name} must be a positive duration (it is {value}).";
        }
    }
}
