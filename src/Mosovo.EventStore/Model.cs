namespace Mosovo.EventStore;

/// <summary>Who recorded an event, when, and what caused it. Stored with every event.</summary>
/// <param name="UserId">The authenticated user's object id (the <c>oid</c> claim).</param>
/// <param name="UserName">The user's display name at the time.</param>
/// <param name="RecordedAt">When the system recorded the event (from <see cref="TimeProvider"/>).</param>
/// <param name="CorrelationId">Ties together everything one request did.</param>
/// <param name="CausationId">The message or event that caused this one, when there is one.</param>
public sealed record EventMetadata(
    string UserId,
    string UserName,
    DateTimeOffset RecordedAt,
    Guid CorrelationId,
    Guid? CausationId = null);

/// <summary>An event as stored: its place in the global order and in its stream.</summary>
public sealed record RecordedEvent(
    long Sequence,
    Guid StreamId,
    long Version,
    string TypeName,
    object Data,
    EventMetadata Metadata);

/// <summary>The stream's version after an append, and the global positions of the new events.</summary>
public sealed record AppendResult(Guid StreamId, long Version, IReadOnlyList<RecordedEvent> Events);

/// <summary>A new stream for the bulk path: its events (in order) and the metadata they share.</summary>
public sealed record StreamStart(Guid Id, string Type, IReadOnlyList<object> Events, EventMetadata Metadata);

/// <summary>A message for the world outside, written in the same transaction as the events.</summary>
public sealed record OutboxMessage(string Type, object Payload);

/// <summary>Extra work an append does before it commits, in the same transaction.</summary>
public sealed class AppendOptions
{
    public IReadOnlyList<OutboxMessage> Outbox { get; init; } = [];

    /// <summary>
    /// Runs after the events and projections are written and before the commit, on the same connection and
    /// transaction (idempotency records, access logs). If it throws, nothing is written.
    /// </summary>
    public Func<TransactionContext, AppendResult, CancellationToken, Task>? BeforeCommit { get; init; }
}

/// <summary>The connection and transaction a write runs in; commands on the connection take part in it.</summary>
public sealed record TransactionContext(Npgsql.NpgsqlConnection Connection, Npgsql.NpgsqlTransaction Transaction);
