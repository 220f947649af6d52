using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Set or change the MAPPA level (1, 2 or 3) with the reason and the day it was decided. A change to the
/// level already held is refused. A level change is a significant event: an ARMS review falls due.
/// </summary>
public static class ChangeMappaLevel
{
    public sealed record Request(int? Level, [FreeText] string? Reason, DateOnly? DecidedOn)
    {
        public static Request Example => new(2, "New relationship with a mother of two young children: needs children's social care and probation at the table.", new DateOnly(2026, 11, 19));
    }

    public sealed record Command(int Level, string Reason, DateOnly DecidedOn);

    public const string ArmsReviewAdvice = "A MAPPA level change is a significant event: an ARMS review now falls due.";

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("mappa/level", "ChangeMappaLevel", "Set or change the MAPPA level", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var level = MappaArea.OneToThree(v, "level", request.Level);
        var reason = v.Text("reason", request.Reason, MappaArea.MaxReasonLength);
        var decidedOn = v.PastDate("decidedOn", request.DecidedOn, now.Today);
        return v.IsValid ? (new Command(level, reason, decidedOn), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var mappa = offender.Mappa;
        if (command.Level == mappa.Level)
            return Decision.Refuse("level", string.Create(CultureInfo.InvariantCulture, $"is already {mappa.Level}: record a change only when the level changes."));
        if (command.DecidedOn < offender.Registration.ConvictionDate)
        {
            return Decision.Refuse("decidedOn", string.Create(CultureInfo.InvariantCulture,
                $"cannot be before the conviction date ({offender.Registration.ConvictionDate:yyyy-MM-dd}) this registration follows."));
        }

        if (mappa.LevelDecidedOn is { } previous && command.DecidedOn < previous)
        {
            return Decision.Refuse("decidedOn", string.Create(CultureInfo.InvariantCulture,
                $"is before the decision that set the current level ({previous:yyyy-MM-dd}): the current level must be the latest decided."));
        }

        return Decision.Record(new MappaLevelChanged(mappa.Level, command.Level, command.Reason, command.DecidedOn, actor, now.Moment), null, ArmsReviewAdvice);
    }
}
