using Mosovo.EventStore;

namespace Mosovo.Api.Offenders;

/// <summary>Information received about the offender, and risk disclosures made to others.</summary>
public sealed record DisclosureHistory()
{
    public static readonly DisclosureHistory None = new();
}

public static class DisclosuresArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry;

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders) => offenders;
}
