using Mosovo.EventStore;

namespace Mosovo.Api.Offenders;

/// <summary>SHPO and SRO applications and orders.</summary>
public sealed record CivilOrders()
{
    public static readonly CivilOrders None = new();

    public IReadOnlyList<string> Flags => [];
}

public static class OrdersArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry;

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders) => offenders;
}
