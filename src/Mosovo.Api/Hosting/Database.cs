using Npgsql;

namespace Mosovo.Api.Hosting;

/// <summary>
/// The API reaches PostgreSQL as the role <c>mosovo_api</c> (migration 0011): it may read and write what it needs,
/// may only add to the events and the access log, and may not change the schema. Every connection of the API's
/// data source sets that role when it opens (the <c>role</c> start-up option, which resetting the session keeps),
/// so the configured login must be the role or a member of it. Migrations and projection rebuilds run as the
/// login itself, which owns the schema: <see cref="SchemaOwner"/>.
/// </summary>
public static class Database
{
    public const string ApiRole = "mosovo_api";

    /// <summary>The connection string with the API's role set on every connection.</summary>
    public static string AsApiRole(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c role={ApiRole}".Trim();
        return builder.ConnectionString;
    }
}

/// <summary>The configured login as it is, owner of the schema: for migrations and projection rebuilds only.</summary>
public sealed class SchemaOwner(string connectionString) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(connectionString);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
