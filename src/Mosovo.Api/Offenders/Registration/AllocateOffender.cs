using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>Allocate the offender to an offender manager and a team. Only supervisors allocate.</summary>
public static class AllocateOffender
{
    public sealed record Request(RegisterOffender.OfficerBody? Manager, string? Team, [FreeText] string? Reason)
    {
        public static Request Example => new(new RegisterOffender.OfficerBody("DC5678", "DC Sam Example"), "South MOSOVO",
            "Offender moved to the south of the force area.");
    }

    public sealed record Command(Officer Manager, string Team, string Reason);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("allocation", "AllocateOffender",
            "Allocate the offender to an offender manager and a team (supervisors)", Validate, Decide, Policies.Supervise);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var v = new Validation();
        var manager = v.Required("manager", request.Manager);
        var id = v.Text("manager.id", manager?.Id, 50);
        var name = v.Text("manager.name", manager?.Name, 100);
        var team = v.Text("team", request.Team, 100);
        var reason = v.Text("reason", request.Reason, 1000);
        return v.IsValid ? (new Command(new Officer(id, name), team, reason), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        ArgumentNullException.ThrowIfNull(offender);
        ArgumentNullException.ThrowIfNull(command);
        var current = offender.Allocation;
        if (string.Equals(current.Manager.Id, command.Manager.Id, StringComparison.OrdinalIgnoreCase)
            && string.Equals(current.Team, command.Team, StringComparison.OrdinalIgnoreCase))
            return Decision.Refuse("manager", $"the offender is already allocated to {current.Manager.Name} in {current.Team}.");

        return Decision.Record(new OffenderAllocated(command.Manager, command.Team, command.Reason, current.Manager, current.Team, now.Today, actor, now.Moment));
    }
}

public sealed record OffenderAllocated(
    Officer Manager, string Team, string Reason, Officer PreviousManager, string PreviousTeam, DateOnly AllocatedOn,
    Actor RecordedBy, DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => RecordedAt;

    public string Summary => $"Allocated to {Manager.Name} ({Manager.Id}), {Team} (was {PreviousManager.Name}, {PreviousTeam}): {Reason}";

    public Offender Apply(Offender offender) => offender with { Allocation = new Allocation(Manager, Team, AllocatedOn, Reason) };
}
