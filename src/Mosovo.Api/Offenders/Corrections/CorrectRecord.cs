using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Correct an earlier entry on the record. The original stays; the correction names it and says why.
/// <c>withdraw: true</c> takes an entry recorded in error out of the summary (it stays on the timeline,
/// marked). The registration itself cannot be withdrawn: end the registration instead; nor can a share with a
/// partner agency (a supervisor revokes it).
/// </summary>
public static class CorrectRecord
{
    public sealed record Request(long? CorrectsVersion, bool? Withdraw, [FreeText] string? Reason)
    {
        public static Request Example => new(4, true, "Visit recorded on the wrong offender's record.");
    }

    public sealed record Command(long CorrectsVersion, bool Withdraw, string Reason);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("corrections", "CorrectRecord", "Correct or withdraw an earlier entry", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var version = v.Required("correctsVersion", request.CorrectsVersion);
        if (request.CorrectsVersion is < 1) v.Add("correctsVersion", "must be the version of an entry on the record (1 or more).");
        var withdraw = request.Withdraw ?? false;
        var reason = v.Text("reason", request.Reason, 2000);
        return v.IsValid ? (new Command(version, withdraw, reason), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now, IReadOnlyDictionary<long, string> entryTypes)
    {
        if (!entryTypes.TryGetValue(command.CorrectsVersion, out var type))
            return Decision.Refuse("correctsVersion", $"there is no entry {command.CorrectsVersion} on this record.");
        if (type == "record-corrected")
            return Decision.Refuse("correctsVersion", "is itself a correction: correct the original entry instead.");
        if (command.Withdraw && command.CorrectsVersion == 1)
            return Decision.Refuse("withdraw", "the registration cannot be withdrawn; end the registration with its reason instead.");
        if (command.Withdraw && type.StartsWith("mappa-share-", StringComparison.Ordinal))
        {
            // A share's grant, revocation or expiry decides who may see the record: only a supervisor changes that,
            // by revoking or granting again, and the subject access report keeps every share ever granted.
            return Decision.Refuse("withdraw", "a share with a partner agency cannot be withdrawn: a supervisor revokes it or grants a new one.");
        }

        if (command.Withdraw && offender.Corrections.Any(c => c.Withdrawn && c.CorrectsVersion == command.CorrectsVersion))
            return Decision.Refuse("correctsVersion", "that entry is already withdrawn.");

        var correctionId = Guid.CreateVersion7();
        return Decision.Record(new RecordCorrected(correctionId, command.CorrectsVersion, type, command.Withdraw, command.Reason, actor, now.Moment), correctionId);
    }

    private static Decision Decide(Offender offender, Command command, Actor actor, Now now) =>
        Decide(offender, command, actor, now, offender.EntryTypes);
}
