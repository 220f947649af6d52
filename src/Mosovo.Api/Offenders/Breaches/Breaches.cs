using Mosovo.EventStore;

namespace Mosovo.Api.Offenders;

/// <summary>Breaches of notification duties, orders and the risk management plan, and the decisions on them.</summary>
public sealed record BreachHistory()
{
    public static readonly BreachHistory None = new();

    public IReadOnlyList<string> Flags => [];
}

public static class BreachesArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry;

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders) => offenders;
}
