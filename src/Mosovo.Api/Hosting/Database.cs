using Npgsql;

namespace Mosovo.Api.Hosting;

/// <summary>
/// The API reaches PostgreSQL as the role <c>mosovo_api</c> (migrations 0011 and 0013): it may read and write what it
/// needs, may only add to the events and the access log, and may not change the schema. The API's connection
/// (<c>ConnectionStrings:Mosovo</c>) should log in as that role or as a login that is a member of it and owns nothing;
/// migrations and projection rebuilds use the schema owner's connection (<c>ConnectionStrings:MosovoOwner</c>,
/// <see cref="SchemaOwner"/>). Every connection of the API's data source also sets the role when it opens (the
/// <c>role</c> start-up option), so that a deployment with one login still works as the role, though there a
/// statement could set the role back: only a separate login makes the limit hold.
/// </summary>
public static class Database
{
    public const string ApiRole = "mosovo_api";

    /// <summary>
    /// The same server and database, logged in as the API's role itself (no password: for local clusters that trust
    /// 127.0.0.1, as build/run.sh's and the tests' do).
    /// </summary>
    public static string AsApiLogin(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = ApiRole, Password = null }.ConnectionString;

    /// <summary>The connection string with the API's role set on every connection.</summary>
    public static string AsApiRole(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c role={ApiRole}".Trim();
        return builder.ConnectionString;
    }
}

/// <summary>The schema owner's connection: for migrations and projection rebuilds only.</summary>
public sealed class SchemaOwner(string connectionString) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    // An arbitrary constant that names "Mosovo: Marten's and Wolverine's schema" among advisory locks.
    private const long SchemaLock = 0x4D6F736F766F02;

    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(connectionString);

    /// <summary>
    /// Runs <paramref name="work"/> while no other instance runs it: a session advisory lock on its own connection.
    /// </summary>
    public async Task WhileHoldingSchemaLockAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({SchemaLock})", connection))
            await take.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            await work();
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({SchemaLock})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
