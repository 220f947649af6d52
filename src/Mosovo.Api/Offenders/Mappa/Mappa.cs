using Mosovo.EventStore;

namespace Mosovo.Api.Offenders;

/// <summary>MAPPA category (why the offender is managed) and level (how intensively), and meetings.</summary>
public sealed record MappaStatus(int Category)
{
    public static readonly MappaStatus None = new(0);
}

public static class MappaArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry;

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders) => offenders;
}
