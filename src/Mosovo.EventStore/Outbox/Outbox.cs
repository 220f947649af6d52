using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Mosovo.EventStore.Outbox;

/// <summary>A message taken from the outbox for handling.</summary>
/// <param name="Attempt">1 on the first try, 2 on the first retry, and so on.</param>
public sealed record OutboxEnvelope(long Id, string Type, JsonElement Payload, int Attempt, Guid? StreamId, Guid? CorrelationId);

/// <summary>
/// Sends one type of outbox message to the world outside. Delivery is at least once: a handler may see a
/// message again after a crash, so it must tolerate repeats (use <see cref="OutboxEnvelope.Id"/> as a key).
/// </summary>
public interface IOutboxHandler
{
    string MessageType { get; }

    Task HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken);
}

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Messages one dispatcher takes per transaction. Default 20.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long an idle dispatcher waits before looking again. Default 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before the first retry; doubled on each further failure. Default 5 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between retries. Default 15 minutes.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>After this many failures a message is set aside as dead, for a person to look at. Default 20.</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>The problems with these settings, or none.</summary>
    public IEnumerable<string> Problems()
    {
        if (PollInterval <= TimeSpan.Zero) yield return "Outbox:PollInterval must be positive.";
        if (RetryBaseDelay <= TimeSpan.Zero) yield return "Outbox:RetryBaseDelay must be positive.";
        if (RetryMaxDelay < RetryBaseDelay) yield return "Outbox:RetryMaxDelay must be at least Outbox:RetryBaseDelay.";
        if (BatchSize is < 1 or > 1000) yield return "Outbox:BatchSize must be between 1 and 1000.";
        if (MaxAttempts is < 1 or > 1000) yield return "Outbox:MaxAttempts must be between 1 and 1000.";
    }

    /// <summary>Exponential back-off: base, 2×base, 4×base… capped at the maximum.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var exponent = Math.Min(failedAttempts - 1, 30);
        // Compared in ticks as a double: base x 2^30 can be longer than TimeSpan.MaxValue, and
        // multiplying the TimeSpan itself would throw OverflowException instead of capping.
        var ticks = RetryBaseDelay.Ticks * Math.Pow(2, exponent);
        return ticks > RetryMaxDelay.Ticks ? RetryMaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}

/// <summary>
/// Takes pending messages with <c>FOR UPDATE SKIP LOCKED</c>, so any number of dispatchers in any number
/// of processes share the work without taking the same message. A message's row stays locked while its
/// handler runs; success marks it processed in the same transaction, failure schedules a retry.
/// </summary>
public sealed class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    IEnumerable<IOutboxHandler> handlers,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    private readonly Dictionary<string, IOutboxHandler> _handlers = handlers.ToDictionary(h => h.MessageType, StringComparer.Ordinal);

    /// <summary>Handles one batch of due messages. Returns how many it took (handled or failed).</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var messages = new List<OutboxEnvelope>();
        await using (var take = new NpgsqlCommand(
            """
            SELECT id, type, payload, attempts, stream_id, correlation_id
            FROM mosovo.outbox
            WHERE processed_at IS NULL AND dead_at IS NULL AND available_at <= $1
            ORDER BY available_at, id
            LIMIT $2
            FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            take.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
            take.Parameters.Add(new NpgsqlParameter<int> { TypedValue = settings.BatchSize });
            await using var reader = await take.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                using var payload = JsonDocument.Parse(reader.GetString(2));
                messages.Add(new OutboxEnvelope(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    payload.RootElement.Clone(),
                    reader.GetInt32(3) + 1,
                    reader.IsDBNull(4) ? null : reader.GetGuid(4),
                    reader.IsDBNull(5) ? null : reader.GetGuid(5)));
            }
        }

        foreach (var message in messages)
        {
            string? error = null;
            try
            {
                if (!_handlers.TryGetValue(message.Type, out var handler))
                    throw new InvalidOperationException($"No outbox handler is registered for message type '{message.Type}'.");
                await handler.HandleAsync(message, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                error = e.Message;
            }

            await RecordOutcomeAsync(connection, transaction, message, error, settings, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return messages.Count;
    }

    private async Task RecordOutcomeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxEnvelope message, string? error,
        OutboxOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = message.Id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        if (error is null)
        {
            command.CommandText = "UPDATE mosovo.outbox SET processed_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1";
        }
        else if (message.Attempt >= settings.MaxAttempts)
        {
            logger.LogError("Outbox message {Id} ({Type}) failed {Attempts} times and is set aside: {Error}", message.Id, message.Type, message.Attempt, error);
            command.CommandText = "UPDATE mosovo.outbox SET dead_at = $2, attempts = attempts + 1, last_error = $3 WHERE id = $1";
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error });
        }
        else
        {
            var retryAt = now + settings.RetryDelay(message.Attempt);
            logger.LogWarning("Outbox message {Id} ({Type}) failed on attempt {Attempt}; retry at {RetryAt}: {Error}", message.Id, message.Type, message.Attempt, retryAt, error);
            command.CommandText = "UPDATE mosovo.outbox SET available_at = $3, attempts = attempts + 1, last_error = $4 WHERE id = $1";
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = retryAt });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Runs a dispatcher in the background of every API instance.</summary>
public sealed class OutboxDispatcherService(
    OutboxDispatcher dispatcher,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await dispatcher.DispatchBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly unreachable; the messages are safe in their table.
                logger.LogError(e, "Outbox dispatch failed; trying again after the poll interval");
            }

            if (handled == 0)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
