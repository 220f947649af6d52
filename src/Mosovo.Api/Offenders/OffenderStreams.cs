using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Mosovo.EventStore;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Loads an offender's state from their stream and writes new events to it on behalf of a request: the
/// one place where the stream version, the idempotency key and the metadata of a write come together.
/// </summary>
public sealed class OffenderStreams(
    PostgresEventStore store, TimeProvider time, IOptions<JsonOptions> json, IOptions<Compliance.PolicyOptions> policies, Audit.AccessLog log, EventTypeRegistry types)
{
    public async Task<Offender?> LoadAsync(Guid offenderId, CancellationToken cancellationToken) =>
        Offender.Fold(await store.ReadStreamAsync(offenderId, cancellationToken: cancellationToken), policies.Value);

    public static Actor ActorOf(HttpContext http)
    {
        var user = CurrentUser.From(http.User);
        return new Actor(user.Id, user.Name);
    }

    /// <summary>
    /// Appends <paramref name="events"/> at <paramref name="expectedVersion"/> and answers with the outcome.
    /// A stale version answers 409; a retried idempotent request answers with its first response.
    /// </summary>
    public async Task<IResult> WriteAsync(
        HttpContext http,
        Guid offenderId,
        long expectedVersion,
        IReadOnlyList<object> events,
        Func<AppendResult, WriteOutcome> outcome,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(http.User);
        var metadata = new EventMetadata(user.Id, user.Name, time.GetUtcNow(), CorrelationId(http));
        var storeKey = Idempotency.StoreWith(http, outcome, json.Value.SerializerOptions);
        var options = new AppendOptions
        {
            // The idempotency key and the access log entry commit with the events, or none of them does.
            BeforeCommit = async (tx, result, ct) =>
            {
                if (storeKey is not null)
                    await storeKey(tx, result, ct);
                var entry = Audit.AccessLogEntry.For(http, metadata.RecordedAt, expectedVersion == 0 ? Audit.AccessKind.Collection : Audit.AccessKind.Alteration,
                    WhatWasWritten(events), offenderId, outcome(result).Status);
                await log.RecordAsync(entry, tx, ct);
            },
        };

        AppendResult result;
        try
        {
            result = await store.AppendAsync(offenderId, OffenderEvents.StreamType, expectedVersion, events, metadata, options, cancellationToken);
        }
        catch (ConcurrencyException e)
        {
            return Problems.Conflict(e.ExpectedVersion, e.ActualVersion);
        }
        catch (Exception e) when (Idempotency.IsDuplicateKey(e))
        {
            return await Idempotency.ReplayAsync(http, cancellationToken);
        }

        var response = outcome(result);
        ETags.Set(http, response.Version);
        return response.Status == StatusCodes.Status201Created
            ? TypedResults.Created(response.Location, response.Body)
            : TypedResults.Json(response.Body, statusCode: response.Status);
    }

    /// <summary>
    /// Appends events the system records on its own account (not on behalf of a request), with their access log
    /// entry in the same transaction. A stale version throws <see cref="ConcurrencyException"/>: the caller decides again.
    /// </summary>
    public async Task<AppendResult> WriteAsSystemAsync(Guid offenderId, long expectedVersion, IReadOnlyList<object> events, string why, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var correlationId = Guid.CreateVersion7();
        var metadata = new EventMetadata(Audit.AccessLogEntry.System.UserId, Audit.AccessLogEntry.System.Name, at, correlationId);
        var options = new AppendOptions
        {
            BeforeCommit = (tx, _, ct) => log.RecordAsync(Audit.AccessLogEntry.ForSystem(at, WhatWasWritten(events), offenderId, why, correlationId), tx, ct),
        };
        return await store.AppendAsync(offenderId, OffenderEvents.StreamType, expectedVersion, events, metadata, options, cancellationToken);
    }

    private string WhatWasWritten(IReadOnlyList<object> events) => string.Join(',', events.Select(e => types.NameOf(e.GetType())));

    /// <summary>The request's correlation id: the caller's X-Correlation-Id when it is a UUID, else a new one.</summary>
    public static Guid CorrelationId(HttpContext http)
    {
        if (http.Items.TryGetValue(nameof(CorrelationId), out var existing) && existing is Guid known)
            return known;
        var id = Guid.TryParse(http.Request.Headers["X-Correlation-Id"].ToString(), out var sent) ? sent : Guid.CreateVersion7();
        http.Items[nameof(CorrelationId)] = id;
        return id;
    }
}
