using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mosovo.Api.Hosting;

/// <summary>A forward-only SQL migration. Its id orders it; its checksum guards it against later edits.</summary>
public sealed record Migration(int Id, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    /// <summary>Migrations embedded in an assembly as <c>NNNN_name.sql</c> resources.</summary>
    public static IEnumerable<Migration> FromAssembly(Assembly assembly)
    {
        foreach (var resource in assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            // Resource names look like Mosovo.Api.Migrations.0002_offenders.sql
            var withoutExtension = resource[..^".sql".Length];
            var fileName = withoutExtension[(withoutExtension.LastIndexOf('.') + 1)..];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0
                || !int.TryParse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            yield return new Migration(id, fileName[(separator + 1)..], reader.ReadToEnd());
        }
    }
}

/// <summary>
/// Applies migrations in id order, each in its own transaction, under a PostgreSQL advisory lock so that
/// several instances starting at once apply each migration exactly once.
/// </summary>
public sealed class Migrator(NpgsqlDataSource dataSource, IEnumerable<Migration> migrations, ILogger<Migrator> logger)
{
    // An arbitrary constant that names "Mosovo schema migrations" among advisory locks.
    private const long AdvisoryLockKey = 0x4D6F736F766F01;

    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var ordered = migrations.OrderBy(m => m.Id).ToList();
        var duplicate = ordered.GroupBy(m => m.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException(
                $"Two migrations share id {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE SCHEMA IF NOT EXISTS mosovo;
                CREATE TABLE IF NOT EXISTS mosovo.schema_migrations (
                    id          integer     PRIMARY KEY,
                    name        text        NOT NULL,
                    checksum    text        NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now()
                );
                """, cancellationToken);

            var applied = new Dictionary<int, (string Name, string Checksum)>();
            await using (var read = new NpgsqlCommand(
                "SELECT id, name, checksum FROM mosovo.schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
            }

            var newlyApplied = new List<Migration>();
            foreach (var migration in ordered)
            {
                if (applied.TryGetValue(migration.Id, out var done))
                {
                    if (done.Checksum != migration.Checksum)
                        throw new InvalidOperationException(
                            $"Migration {migration.Id:D4}_{migration.Name} was changed after it was applied. "
                            + "Migrations are forward-only: add a new one instead.");
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO mosovo.schema_migrations (id, name, checksum) VALUES ($1, $2, $3)",
                    connection,
                    transaction))
                {
                    record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Id });
                    record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
                    record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Checksum });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Id:D4}_{Name}", migration.Id, migration.Name);
                newlyApplied.Add(migration);
            }

            return newlyApplied;
        }
        finally
        {
            await ExecuteAsync(
                connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
