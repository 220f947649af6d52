using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>Change the MAPPA category (1, 2 or 3), saying why. A change to the category already held is refused.</summary>
public static class ChangeMappaCategory
{
    public sealed record Request(int? Category, [FreeText] string? Reason)
    {
        public static Request Example => new(3, "Assessed by the MAPPA coordinator as another dangerous offender: conviction for a violent offence while registered.");
    }

    public sealed record Command(int Category, string Reason);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("mappa/category", "ChangeMappaCategory", "Change the MAPPA category", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var category = MappaArea.OneToThree(v, "category", request.Category);
        var reason = v.Text("reason", request.Reason, MappaArea.MaxReasonLength);
        return v.IsValid ? (new Command(category, reason), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var current = offender.Mappa.Category;
        if (command.Category == current)
            return Decision.Refuse("category", $"is already {current}: record a change only when the category changes.");

        return Decision.Record(new MappaCategoryChanged(current, command.Category, command.Reason, actor, now.Moment));
    }
}
