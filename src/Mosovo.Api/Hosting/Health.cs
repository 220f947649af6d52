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
