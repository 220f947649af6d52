using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Mosovo.Api.Hosting;

/// <summary>Ready means the database answers and the schema is migrated.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM mosovo.schema_migrations");
            var migrations = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return migrations > 0
                ? HealthCheckResult.Healthy($"{migrations} migrations applied")
                : HealthCheckResult.Unhealthy("No migrations applied");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer", e);
        }
    }
}

/// <summary>
/// What the message bus could not do: messages set aside after failing every retry (a PPN notice that never
/// reached the supervisors' list), and recurring work whose chain has stopped. Either makes the API Degraded on
/// <c>/health/ready</c> and is logged, so nothing fails silently; neither takes the node out of service.
/// </summary>
public sealed class MessagingHealthCheck(
    NpgsqlDataSource dataSource, TimeProvider time, ILogger<MessagingHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT (SELECT count(*) FROM mosovo.wolverine_dead_letters),
                   (SELECT string_agg(name, ', ' ORDER BY name) FROM mosovo.recurring_work WHERE next_due < $1)
            """);
        var late = time.GetUtcNow().AddMinutes(-10);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = late });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var deadLetters = reader.GetInt64(0);
        var stalled = reader.IsDBNull(1) ? null : reader.GetString(1);
        if (deadLetters == 0 && stalled is null)
            return HealthCheckResult.Healthy("No dead letters; recurring work on time");

        var problems = new List<string>();
        if (deadLetters > 0)
            problems.Add($"{deadLetters} message(s) dead-lettered after every retry failed");
        if (stalled is not null)
            problems.Add($"recurring work overdue by more than 10 minutes: {stalled}");
        var description = string.Join("; ", problems);
        logger.LogWarning("Messaging is degraded: {Problems}", description);
        return HealthCheckResult.Degraded(description);
    }
}
