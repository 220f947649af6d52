using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Npgsql;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Mosovo.Api.Offenders;

/// <summary>
/// The one write path for an offender's record. In one transaction on a Marten session it claims the
/// idempotency key, reads the stored state (locking the offender's summary row, so writers to one offender
/// queue), checks the version the writer sent, lets the command decide purely on that state, folds the new
/// events into it once (the policies included), appends them to the offender's Marten stream, and writes the
/// read models, the idempotency record and the access log entry. Either all of it commits or none of it does.
/// </summary>
public sealed class OffenderStreams(
    IDocumentStore store,
    NpgsqlDataSource database,
    OffenderSummaryProjection summaries,
    EventTypeRegistry types,
    TimeProvider time,
    IOptions<JsonOptions> json,
    IOptions<Compliance.PolicyOptions> policies,
    Audit.AccessLog log,
    IWolverineRuntime messaging)
{
    /// <summary>The offender's stored state (for reads), or null when there is no such offender.</summary>
    public Task<Offender?> LoadAsync(Guid offenderId, CancellationToken cancellationToken) =>
        OffenderSummaryProjection.ReadOneAsync(database, offenderId, types, cancellationToken);

    public static Actor ActorOf(HttpContext http)
    {
        var user = CurrentUser.From(http.User);
        return new Actor(user.Id, user.Name);
    }

    /// <summary>
    /// Decides and writes on behalf of a request. <paramref name="expectedVersion"/> is the version the caller
    /// read (If-Match), null to start a new offender's record: a stale one answers 409, an unknown offender 404.
    /// A retried request with the same Idempotency-Key, concurrent or later, gets the first request's answer and
    /// writes nothing.
    /// </summary>
    public async Task<IResult> WriteAsync(
        HttpContext http,
        Guid offenderId,
        long? expectedVersion,
        Func<Offender?, Decision> decide,
        Func<long, Decision, WriteOutcome> outcome,
        CancellationToken cancellationToken)
    {
        var actor = ActorOf(http);
        var correlationId = CorrelationId(http);
        var key = http.Features.Get<IdempotencyRequest>();
        try
        {
            await using var session = store.LightweightSession();
            await session.BeginTransactionAsync(cancellationToken);
            var connection = session.Connection;
            if (key is not null && await Idempotency.ClaimAsync(connection, key, cancellationToken) is { } replay)
                return replay;

            var current = await summaries.ReadForWriteAsync(connection, offenderId, cancellationToken);
            if (expectedVersion is null && current is not null)
                return Problems.Conflict(0, current.Version);
            if (expectedVersion is not null && current is null)
                return Problems.OffenderNotFound(offenderId);
            if (current is not null && current.Version != expectedVersion)
                return Problems.Conflict(expectedVersion ?? 0, current.Version);

            var decision = decide(current);
            if (decision.Refusal is { } refusal)
                return Problems.Validation(refusal);

            var written = await AppendAsync(
                session, offenderId, current, decision.Events, actor, correlationId, cancellationToken);
            var response = outcome(written.Version, decision);
            if (key is not null)
            {
                await Idempotency.StoreAsync(
                    connection, key, response, json.Value.SerializerOptions, time.GetUtcNow(), cancellationToken);
            }

            var entry = Audit.AccessLogEntry.For(http, time.GetUtcNow(),
                expectedVersion is null ? Audit.AccessKind.Collection : Audit.AccessKind.Alteration,
                WhatWasWritten(written.Events), offenderId, response.Status);
            await log.RecordAsync(entry, connection, cancellationToken);
            await session.SaveChangesAsync(cancellationToken);

            ETags.Set(http, response.Version);
            return response.Status == StatusCodes.Status201Created
                ? TypedResults.Created(response.Location, response.Body)
                : TypedResults.Json(response.Body, statusCode: response.Status);
        }
        catch (Exception e) when (IsVersionRace(e))
        {
            return Problems.Conflict(expectedVersion ?? 0, await CurrentVersionAsync(offenderId, cancellationToken));
        }
    }

    /// <summary>
    /// Appends events the system records on its own account (not on behalf of a request), decided on the
    /// offender's current state under the same lock as every write, with their access log entry in the same
    /// transaction. Returns how many events were appended (0 when the decision was to record nothing).
    /// </summary>
    public Task<int> WriteAsSystemAsync(
        Guid offenderId,
        Func<Offender, IReadOnlyList<object>> decide,
        string why,
        CancellationToken cancellationToken) =>
        WriteAsSystemAsync(
            offenderId, current => current is null ? [] : decide(current), Audit.AccessLogEntry.System, why,
            cancellationToken);

    /// <summary>
    /// As <see cref="WriteAsSystemAsync(Guid, Func{Offender, IReadOnlyList{object}}, string, CancellationToken)"/>,
    /// and may start a record (the demo data): <paramref name="decide"/> is given null for an offender not yet
    /// recorded.
    /// </summary>
    public async Task<int> WriteAsSystemAsync(
        Guid offenderId,
        Func<Offender?, IReadOnlyList<object>> decide,
        Actor actor,
        string why,
        CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var correlationId = Guid.CreateVersion7();
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(cancellationToken);
        var current = await summaries.ReadForWriteAsync(session.Connection, offenderId, cancellationToken);
        var events = decide(current);
        if (events.Count == 0)
            return 0;
        var written = await AppendAsync(session, offenderId, current, events, actor, correlationId, cancellationToken);
        await log.RecordAsync(
            Audit.AccessLogEntry.ForSystem(at, WhatWasWritten(written.Events), offenderId, why, correlationId),
            session.Connection,
            cancellationToken);
        await session.SaveChangesAsync(cancellationToken);
        return written.Events.Count;
    }

    /// <summary>
    /// Folds <paramref name="decided"/> and the records the system makes at once because of them (the automatic
    /// PPN) into <paramref name="current"/>, queues them on the session's stream at the version that follows, and
    /// writes the read models. A withdrawal changes the past: then the state is folded afresh from the stream.
    /// </summary>
    private async Task<(long Version, IReadOnlyList<object> Events)> AppendAsync(
        IDocumentSession session, Guid offenderId, Offender? current, IReadOnlyList<object> decided, Actor actor,
        Guid correlationId, CancellationToken cancellationToken)
    {
        var options = policies.Value;
        var version = current?.Version ?? 0;
        var state = current;
        foreach (var e in decided)
            state = Offender.Step(state, e, ++version, options);
        IReadOnlyList<object> events =
            [.. decided, .. Compliance.ComplianceRules.FollowUps(state!, decided, actor, Clock.Now(time))];
        for (var i = decided.Count; i < events.Count; i++)
            state = Offender.Step(state, events[i], ++version, options);

        var first = (current?.Version ?? 0) + 1;
        var entryTypes = events.Select((e, i) => (first + i, types.NameOf(e.GetType()))).ToList();
        var afresh = current is not null && events.Any(e => e is RecordCorrected { Withdraws: true });
        if (afresh)
        {
            var stored = await summaries.ReadEventsAsync(session.Connection, [offenderId], cancellationToken);
            var all = stored.GetValueOrDefault(offenderId) ?? [];
            all.AddRange(entryTypes.Select((t, i) => new RecordedEvent(0, offenderId, t.Item1, t.Item2, events[i],
                new EventMetadata(actor.UserId, actor.Name, time.GetUtcNow(), correlationId))));
            state = Offender.Fold(all, options);
        }

        state = state!.WithEntryTypes(entryTypes);
        session.CorrelationId = correlationId.ToString();
        session.LastModifiedBy = actor.Name;
        if (current is null)
            session.Events.StartStream(typeof(Offender), offenderId, events);
        else
            session.Events.Append(offenderId, version, events);
        await summaries.WriteAsync(session.Connection, current, state, afresh, cancellationToken);
        await PublishAsync(session, state, events);
        return (version, events);
    }

    /// <summary>
    /// Messages for what must happen outside this write: enrolled in the session's transaction through Wolverine's
    /// outbox, so they are stored with the events and sent only once the transaction commits.
    /// </summary>
    private async Task PublishAsync(IDocumentSession session, Offender state, IReadOnlyList<object> events)
    {
        var raised = events.OfType<Compliance.PpnRaised>().ToList();
        if (raised.Count == 0)
            return;
        var outbox = new MartenOutbox(messaging, session);
        foreach (var ppn in raised)
            await outbox.PublishAsync(Compliance.PpnRaisedNotice.For(state, ppn, policies.Value));
    }

    /// <summary>
    /// Another writer appended first (or started the same new stream): nothing of this write was kept.
    /// </summary>
    private static bool IsVersionRace(Exception e) =>
        e is EventStreamUnexpectedMaxEventIdException or Marten.Exceptions.ExistingStreamIdCollisionException
            or JasperFx.Events.ExistingStreamIdCollisionException
        || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "offender_summaries" }
        || e.InnerException is not null && IsVersionRace(e.InnerException);

    private async Task<long?> CurrentVersionAsync(Guid offenderId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT version FROM mosovo.mt_streams WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = offenderId });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : null;
    }

    private string WhatWasWritten(IReadOnlyList<object> events) =>
        string.Join(',', events.Select(e => types.NameOf(e.GetType())));

    /// <summary>
    /// The request's correlation id: the caller's X-Correlation-Id when it is a UUID, else a new one.
    /// </summary>
    public static Guid CorrelationId(HttpContext http)
    {
        if (http.Items.TryGetValue(nameof(CorrelationId), out var existing) && existing is Guid known)
            return known;
        var id = Guid.TryParse(http.Request.Headers["X-Correlation-Id"].ToString(), out var sent)
            ? sent
            : Guid.CreateVersion7();
        http.Items[nameof(CorrelationId)] = id;
        return id;
    }
}
