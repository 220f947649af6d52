using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>Draft an SHPO or SRO application: the grounds and the prohibitions to ask for. Starts the order's life; answers its id.</summary>
public static class DraftCivilOrder
{
    public sealed record Request(
        CivilOrderKind? Kind,
        [FreeText] string? Grounds,
        [FreeText] IReadOnlyList<string>? ProposedProhibitions)
    {
        public static Request Example => new(
            CivilOrderKind.Shpo,
            "Since his conviction he has twice been found with unsupervised access to children and has deleted his internet history before a visit.",
            ["Not to have unsupervised contact with any child under 16 without the prior written consent of the child's parent or guardian who knows of his convictions.",
             "Not to use any device capable of accessing the internet unless it retains its history and is made available to police on request."]);
    }

    public sealed record Command(CivilOrderKind Kind, string Grounds, IReadOnlyList<string> ProposedProhibitions);

    public const int MaxProhibitions = 30;

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("orders", "DraftCivilOrder", "Draft an SHPO or SRO application", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var kind = v.Required("kind", request.Kind);
        var grounds = v.Text("grounds", request.Grounds, 8000);
        var proposed = v.List("proposedProhibitions", request.ProposedProhibitions, MaxProhibitions, required: true)
            .Select((text, i) => v.Text(string.Create(CultureInfo.InvariantCulture, $"proposedProhibitions[{i}]"), text, 2000)).ToList();
        return v.IsValid ? (new Command(kind, grounds, proposed), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var orderId = Guid.CreateVersion7();
        return Decision.Record(new CivilOrderDrafted(orderId, command.Kind, command.Grounds, command.ProposedProhibitions, actor, now.Moment), orderId);
    }
}
