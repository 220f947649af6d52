using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>
/// Record that the PPN was submitted to the MASH: when, the MASH's reference, and the officer who submitted it.
/// This is what closes the PPN's submission item. A PPN is submitted once.
/// </summary>
public static class SubmitPpn
{
    public sealed record OfficerBody(string? Id, string? Name);

    public sealed record Request(Guid? PpnId, DateTimeOffset? SubmittedAt, string? MashReference, OfficerBody? SubmittedBy)
    {
        public static Request Example => new(Guid.Parse("0196b3a0-0000-7000-8000-000000000010"), new DateTimeOffset(2026, 11, 20, 11, 30, 0, TimeSpan.Zero),
            "MASH/2026/004512", new OfficerBody("DC1234", "DC Alex Example"));
    }

    public sealed record Command(Guid PpnId, DateTimeOffset SubmittedAt, string MashReference, Officer SubmittedBy);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("ppns/submissions", "SubmitPpn",
            "Record the PPN's submission to the MASH", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var v = new Validation();
        var ppnId = PpnId(v, request.PpnId);
        var submittedAt = v.PastMoment("submittedAt", request.SubmittedAt, now.Moment);
        var reference = v.Text("mashReference", request.MashReference, 100);
        var by = v.Required("submittedBy", request.SubmittedBy);
        var officer = new Officer(v.Text("submittedBy.id", by?.Id, 50), v.Text("submittedBy.name", by?.Name, 100));
        return v.IsValid ? (new Command(ppnId, submittedAt, reference, officer), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (ppn, refusal) = PpnRecords.Find(offender, command.PpnId);
        if (ppn is null)
            return refusal!;
        if (ppn.Submission is { } done)
            return Decision.Refuse("ppnId", $"was already submitted to the MASH on {PpnRecords.Show(done.SubmittedAt)} by {done.SubmittedBy.Name} (reference {done.MashReference}).");
        if (command.SubmittedAt < ppn.DisclosureReceivedAt)
            return Decision.Refuse("submittedAt", $"is before the information the PPN is about was received ({PpnRecords.Show(ppn.DisclosureReceivedAt)}).");

        return Decision.Record(new PpnSubmittedToMash(ppn.PpnId, command.SubmittedAt, command.MashReference, command.SubmittedBy, actor, now.Moment), ppn.PpnId);
    }

    /// <summary>The PPN a PPN command is about: required, and never the empty id.</summary>
    internal static Guid PpnId(Validation v, Guid? ppnId)
    {
        var id = v.Required("ppnId", ppnId);
        if (ppnId == Guid.Empty)
            v.Add("ppnId", "must be the id of a PPN on this record.");
        return id;
    }
}
