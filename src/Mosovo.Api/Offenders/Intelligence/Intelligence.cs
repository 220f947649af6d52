using Mosovo.EventStore;

namespace Mosovo.Api.Offenders;

/// <summary>Intelligence items, kept on the record for good.</summary>
public sealed record IntelligenceLog()
{
    public static readonly IntelligenceLog None = new();
}

public static class IntelligenceArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry;

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders) => offenders;
}
