using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>Record a MAPPA meeting: when, at which level, the agencies there, what it concluded, its actions, and the next meeting.</summary>
public static class RecordMappaMeeting
{
    public sealed record ActionBody([FreeText] string? Action, string? Owner, DateOnly? DueOn);

    public sealed record Request(
        DateOnly? HeldOn,
        int? Level,
        IReadOnlyList<string>? Agencies,
        [FreeText] string? OutcomeSummary,
        DateOnly? NextMeetingOn,
        IReadOnlyList<ActionBody>? Actions)
    {
        public static Request Example => new(
            new DateOnly(2026, 11, 19), 2, ["Police", "Probation Service", "Children's Social Care"],
            "Risk of serious harm to the partner's children agreed as high. Disclosure to the partner agreed as lawful and proportionate.",
            new DateOnly(2027, 3, 11),
            [new ActionBody("Make the risk disclosure to the partner", "Police", new DateOnly(2026, 11, 21))]);
    }

    public sealed record Command(
        DateOnly HeldOn,
        int Level,
        IReadOnlyList<string> Agencies,
        string OutcomeSummary,
        DateOnly? NextMeetingOn,
        IReadOnlyList<MappaMeetingAction> Actions);

    public const int MaxAgencies = 30;

    public const int MaxAgencyLength = 100;

    public const int MaxOutcomeLength = 4000;

    public const int MaxActions = 50;

    public const int MaxActionLength = 1000;

    public const int MaxOwnerLength = 100;

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("mappa/meetings", "RecordMappaMeeting", "Record a MAPPA meeting", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var heldOn = v.PastDate("heldOn", request.HeldOn, now.Today);
        var level = MappaArea.OneToThree(v, "level", request.Level);

        var agencyList = v.List("agencies", request.Agencies, MaxAgencies, required: true);
        var agencies = new List<string>();
        for (var i = 0; i < agencyList.Count; i++)
            agencies.Add(v.Text(string.Create(CultureInfo.InvariantCulture, $"agencies[{i}]"), agencyList[i], MaxAgencyLength));
        if (agencies.Where(a => a.Length > 0).GroupBy(a => a, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
            v.Add("agencies", "lists the same agency twice.");

        var outcome = v.Text("outcomeSummary", request.OutcomeSummary, MaxOutcomeLength);
        if (request.NextMeetingOn is { } next && request.HeldOn is { } held && next <= held)
            v.Add("nextMeetingOn", "must be after the day the meeting was held.");

        var actionBodies = v.List("actions", request.Actions, MaxActions);
        var actions = new List<MappaMeetingAction>();
        for (var i = 0; i < actionBodies.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"actions[{i}]");
            var body = v.Required(field, actionBodies[i]);
            var action = v.Text(field + ".action", body?.Action, MaxActionLength);
            var owner = v.Text(field + ".owner", body?.Owner, MaxOwnerLength);
            if (body?.DueOn is { } due && request.HeldOn is { } meeting && due < meeting)
                v.Add(field + ".dueOn", "cannot be before the meeting.");
            actions.Add(new MappaMeetingAction(action, owner, body?.DueOn));
        }

        return v.IsValid ? (new Command(heldOn, level, agencies, outcome, request.NextMeetingOn, actions), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        if (command.HeldOn < offender.Registration.ConvictionDate)
        {
            return Decision.Refuse("heldOn", string.Create(CultureInfo.InvariantCulture,
                $"cannot be before the conviction date ({offender.Registration.ConvictionDate:yyyy-MM-dd}) this registration follows."));
        }

        var meetingId = Guid.CreateVersion7();
        var meeting = new MappaMeetingRecorded(meetingId, command.HeldOn, command.Level, command.Agencies, command.OutcomeSummary,
            command.NextMeetingOn, command.Actions, actor, now.Moment);
        return command.Level == offender.Mappa.Level
            ? Decision.Record(meeting, meetingId)
            : Decision.Record(meeting, meetingId, string.Create(CultureInfo.InvariantCulture,
                $"The meeting was held at level {command.Level} but the offender's MAPPA level is {MappaStatus.Describe(offender.Mappa.Level)}: if the meeting decided a new level, record the level change."));
    }
}
