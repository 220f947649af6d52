using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mosovo.EventStore;
using Mosovo.EventStore.Outbox;
using Mosovo.Tests.Infrastructure;
using Npgsql;

namespace Mosovo.Tests.EventStore;

public static class OutboxTestKit
{
    public const string SendType = "test.send";

    public static OutboxDispatcher Dispatcher(NpgsqlDataSource dataSource, TimeProvider time, OutboxOptions options, params IOutboxHandler[] handlers) =>
        new(dataSource, handlers, Options.Create(options), time, NullLogger<OutboxDispatcher>.Instance);

    /// <summary>Appends one event carrying the given outbox messages, recorded at the fake clock's time.</summary>
    public static Task<AppendResult> AppendWithOutboxAsync(MigratedDatabase db, FakeTime time, params OutboxMessage[] messages) =>
        TestEvents.Store(db).AppendAsync(Guid.NewGuid(), TestEvents.StreamType, 0, [new ThingOpened("outbox", messages.Length)],
            TestEvents.Metadata(time.GetUtcNow()), new AppendOptions { Outbox = messages });

    public static Task<IReadOnlyList<OutboxRow>> RowsAsync(NpgsqlDataSource dataSource) => dataSource.QueryAsync(
        "SELECT id, type, payload::text, stream_id, correlation_id, created_at, available_at, attempts, last_error, processed_at, dead_at FROM mosovo.outbox ORDER BY id",
        r => new OutboxRow(
            r.GetInt64(0), r.GetString(1), r.GetString(2),
            r.IsDBNull(3) ? null : r.GetGuid(3), r.IsDBNull(4) ? null : r.GetGuid(4),
            r.GetFieldValue<DateTimeOffset>(5), r.GetFieldValue<DateTimeOffset>(6), r.GetInt32(7),
            r.IsDBNull(8) ? null : r.GetString(8),
            r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
            r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10)));

    public static async Task<OutboxRow> RowAsync(NpgsqlDataSource dataSource, long id) =>
        (await RowsAsync(dataSource)).Single(r => r.Id == id);
}

public sealed record OutboxRow(
    long Id, string Type, string Payload, Guid? StreamId, Guid? CorrelationId, DateTimeOffset CreatedAt, DateTimeOffset AvailableAt,
    int Attempts, string? LastError, DateTimeOffset? ProcessedAt, DateTimeOffset? DeadAt);

/// <summary>Records every message it handled successfully; fails while <see cref="FailuresBeforeSuccess"/> says so.</summary>
public sealed class RecordingHandler(string messageType = OutboxTestKit.SendType) : IOutboxHandler
{
    private readonly ConcurrentDictionary<long, int> _calls = new();

    public string MessageType => messageType;

    /// <summary>How many times each message fails before it is handled; int.MaxValue for never.</summary>
    public int FailuresBeforeSuccess { get; init; }

    public ConcurrentQueue<OutboxEnvelope> Handled { get; } = new();

    public ConcurrentQueue<OutboxEnvelope> Seen { get; } = new();

    public int CallsFor(long id) => _calls.TryGetValue(id, out var calls) ? calls : 0;

    public async Task HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        Seen.Enqueue(message);
        var call = _calls.AddOrUpdate(message.Id, 1, (_, calls) => calls + 1);
        await Task.Yield();
        if (call <= FailuresBeforeSuccess)
            throw new InvalidOperationException($"downstream unavailable (call {call})");
        Handled.Enqueue(message);
    }
}
