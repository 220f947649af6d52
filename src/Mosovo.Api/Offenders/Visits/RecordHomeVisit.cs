using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Record a home visit. A visit with fewer than two officers is kept, with the officer's reason: the
/// inspection found lone visits unsafe and open to grooming, so the reason is required.
/// </summary>
public static class RecordHomeVisit
{
    public sealed record OfficerBody(string? Id, string? Name);

    public sealed record PersonSeenBody(string? Name, string? Relationship, bool? IsChild, int? AgeYears);

    public sealed record Request(
        DateTimeOffset? VisitedAt,
        IReadOnlyList<OfficerBody>? Officers,
        VisitKind? Kind,
        bool? EntryGained,
        IReadOnlyList<PersonSeenBody>? PersonsSeen,
        [FreeText] string? Observations,
        [FreeText] string? Concerns,
        [FreeText] string? SingleOfficerReason)
    {
        public static Request Example => new(
            new DateTimeOffset(2026, 11, 20, 10, 30, 0, TimeSpan.Zero),
            [new OfficerBody("DC1234", "DC Alex Example"), new OfficerBody("PC5678", "PC Sam Example")],
            VisitKind.Unannounced, true,
            [new PersonSeenBody("John Example", "offender", false, null)],
            "Address as notified. Two phones seen; one not previously notified.", "Unnotified phone: check with the offender.", null);
    }

    public sealed record Command(
        DateTimeOffset VisitedAt,
        IReadOnlyList<Officer> Officers,
        VisitKind Kind,
        bool EntryGained,
        IReadOnlyList<PersonSeen> PersonsSeen,
        string? Observations,
        string? Concerns,
        string? SingleOfficerReason);

    public const int MinimumOfficers = 2;

    public const string EntryWarrantAdvice =
        "Entry has now failed twice since it was last gained: a warrant to enter and search under s.96B Sexual Offences Act 2003 may be sought from a magistrate.";

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("visits", "RecordHomeVisit", "Record a home visit", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var visitedAt = v.PastMoment("visitedAt", request.VisitedAt, now.Moment);

        var officerBodies = v.List("officers", request.Officers, 10, required: true);
        var officers = new List<Officer>();
        for (var i = 0; i < officerBodies.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"officers[{i}]");
            var body = v.Required(field, officerBodies[i]);
            officers.Add(new Officer(v.Text(field + ".id", body?.Id, 50), v.Text(field + ".name", body?.Name, 100)));
        }

        if (officers.Select(o => o.Id).Where(id => id.Length > 0).GroupBy(id => id, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
            v.Add("officers", "lists the same officer twice.");

        var kind = v.Required("kind", request.Kind);
        var entryGained = v.Required("entryGained", request.EntryGained);

        var seenBodies = v.List("personsSeen", request.PersonsSeen, 30);
        var seen = new List<PersonSeen>();
        for (var i = 0; i < seenBodies.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"personsSeen[{i}]");
            var body = v.Required(field, seenBodies[i]);
            var isChild = v.Required(field + ".isChild", body?.IsChild);
            if (body?.AgeYears is < 0 or > 120) v.Add(field + ".ageYears", "must be between 0 and 120.");
            if (isChild && body?.AgeYears is >= 18) v.Add(field + ".ageYears", "must be under 18 for a child.");
            seen.Add(new PersonSeen(v.Text(field + ".name", body?.Name, 100), v.Text(field + ".relationship", body?.Relationship, 100), isChild, body?.AgeYears));
        }

        var observations = v.OptionalText("observations", request.Observations, 4000);
        var concerns = v.OptionalText("concerns", request.Concerns, 4000);
        var reason = v.OptionalText("singleOfficerReason", request.SingleOfficerReason, 1000);
        if (officerBodies.Count is > 0 and < MinimumOfficers && reason is null)
            v.Add("singleOfficerReason", "is required when fewer than two officers visit: say why a second officer could not attend.");
        if (officerBodies.Count >= MinimumOfficers && reason is not null)
            v.Add("singleOfficerReason", "applies only to a visit by fewer than two officers.");

        return v.IsValid
            ? (new Command(visitedAt, officers, kind, entryGained, seen, observations, concerns, reason), v)
            : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var visitId = Guid.CreateVersion7();
        var visit = new HomeVisitRecorded(visitId, command.VisitedAt, command.Officers, command.Kind, command.EntryGained,
            command.PersonsSeen, command.Observations, command.Concerns, command.SingleOfficerReason, actor, now.Moment);
        return visit.Apply(offender).Visits.EntryWarrantAvailable
            ? Decision.Record(visit, visitId, EntryWarrantAdvice)
            : Decision.Record(visit, visitId);
    }
}
