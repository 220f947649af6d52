using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.Metadata;

namespace Mosovo.Api.Audit;

/// <summary>
/// Endpoint metadata: how the endpoint's requests are logged. Every endpoint that reads or writes offenders'
/// data carries it (the route-table test fails on one that does not).
/// </summary>
/// <param name="Kind">Reads: consultation or disclosure. Writes: alteration (the entry is written in the write's own transaction).</param>
/// <param name="What">The view, for a read; for a write the entry names the event types instead.</param>
public sealed record AccessLogged(AccessKind Kind, string What);

public static class AccessLogging
{
    /// <summary>
    /// Logs every answer of this read endpoint, with its outcome, before the answer is sent; an answer that is not
    /// a success is logged as a refusal. If the entry cannot be written the request fails and nothing is served.
    /// </summary>
    public static RouteHandlerBuilder LogsReads(this RouteHandlerBuilder builder, AccessKind kind, string what) =>
        builder.WithMetadata(new AccessLogged(kind, what)).AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            var outcome = StatusOf(result);
            var services = http.RequestServices;
            var entry = AccessLogEntry.For(http, services.GetRequiredService<TimeProvider>().GetUtcNow(),
                outcome is >= 200 and < 300 ? kind : AccessKind.Refusal, what, AccessLogEntry.OffenderIdOf(http), outcome);
            await services.GetRequiredService<AccessLog>().RecordAsync(entry, http.RequestAborted);
            return result;
        });

    /// <summary>
    /// Marks a write endpoint: <see cref="Offenders.OffenderStreams"/> logs each write in its transaction, naming the
    /// event types written; a refused attempt is logged under <paramref name="command"/>.
    /// </summary>
    public static RouteHandlerBuilder LogsWrites(this RouteHandlerBuilder builder, string command) =>
        builder.WithMetadata(new AccessLogged(AccessKind.Alteration, command));

    private static int StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } status } => status,
        _ => StatusCodes.Status200OK,
    };
}

/// <summary>
/// Logs each request an authorization policy refuses (403: no role for it, or a partner's list without a known
/// agency) before answering it: "a failed authorisation produces a log entry of the attempt". A request without
/// a valid token (401) is not logged: it names nobody, and anyone could fill the log with them.
/// </summary>
public sealed class RefusalLogging(AccessLog log, TimeProvider time) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden)
        {
            var what = context.GetEndpoint()?.Metadata.GetMetadata<AccessLogged>()?.What
                ?? context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
                ?? "unknown";
            await log.RecordAsync(
                AccessLogEntry.For(context, time.GetUtcNow(), AccessKind.Refusal, what, AccessLogEntry.OffenderIdOf(context), StatusCodes.Status403Forbidden),
                context.RequestAborted);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
