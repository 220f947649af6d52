using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>A supervisor ends a share before its time, with the reason. The agency's next read answers 404.</summary>
public static class RevokeShare
{
    public sealed record Request(Guid? ShareId, [FreeText] string? Reason)
    {
        public static Request Example => new(Guid.Parse("0193a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d"), "The relationship has ended and the children have left the household.");
    }

    public sealed record Command(Guid ShareId, string Reason);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("mappa/shares/revocations", "RevokeShare", "Revoke a share with a partner agency (supervisors)",
            Validate, Decide, Policies.Supervise);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var shareId = v.Required("shareId", request.ShareId);
        var reason = v.Text("reason", request.Reason, SharingArea.MaxReasonLength);
        return v.IsValid ? (new Command(shareId, reason), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var share = offender.Shares.Find(command.ShareId);
        if (share is null)
            return Decision.Refuse("shareId", "is not a share on this offender's record.");
        if (!share.IsActiveAt(now.Moment))
            return Decision.Refuse("shareId", share.Ended is { Kind: ShareEndKind.Revoked } ? "was revoked already." : "has expired already.");
        return Decision.Record(new MappaShareRevoked(share.ShareId, share.Agency, command.Reason, actor, now.Moment), share.ShareId);
    }
}
