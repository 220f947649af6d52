using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Store;

/// <summary>
/// What writes to one offender's record leave in the database, as stored: the events and the stream row, the summary
/// row, the obligations, the access log entries about the offender, and every idempotency record. Footprints taken
/// before and after a refused write must be equal: the write left nothing of its own.
/// </summary>
public sealed record Footprint(string Stream, string Summary, string Obligations, string AccessLog, string Keys)
{
    public static async Task<Footprint> OfAsync(MigratedDatabase db, Guid offenderId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = $"'{offenderId}'";
        return new Footprint(
            await Json(db, $"SELECT e.* FROM mosovo.mt_events e WHERE e.stream_id = {id}")
                + await Json(db, $"SELECT s.* FROM mosovo.mt_streams s WHERE s.id = {id}"),
            await Json(db, $"SELECT s.* FROM mosovo.offender_summaries s WHERE s.offender_id = {id}"),
            await Json(db, $"SELECT o.* FROM mosovo.obligations o WHERE o.offender_id = {id}"),
            await Json(db, $"SELECT l.* FROM mosovo.access_log l WHERE l.offender_id = {id}"),
            await Json(db, "SELECT k.* FROM mosovo.idempotency_keys k"));
    }

    /// <summary>
    /// How many rows each table of the schema holds: a write that touched any table shows here. Wolverine's own
    /// bookkeeping of the nodes running (written by its background agents, not by a write) is left out.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> RowsAsync(MigratedDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tables = new List<string>();
        await using (var command = db.DataSource.CreateCommand(
            """
            SELECT table_name FROM information_schema.tables
             WHERE table_schema = 'mosovo' AND table_type = 'BASE TABLE'
               AND table_name NOT IN ('wolverine_nodes', 'wolverine_node_records', 'wolverine_node_assignments',
                                      'wolverine_control_queue', 'wolverine_agent_restrictions')
             ORDER BY table_name
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }

        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
            rows[table] = await db.ScalarAsync($"SELECT count(*) FROM mosovo.\"{table}\"");
        return rows;
    }

    /// <summary>The rows added between two <see cref="RowsAsync"/> counts, for the tables that changed.</summary>
    public static IReadOnlyDictionary<string, long> Added(
        IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new SortedDictionary<string, long>(
            after.Where(t => t.Value != before.GetValueOrDefault(t.Key))
                .ToDictionary(t => t.Key, t => t.Value - before.GetValueOrDefault(t.Key), StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    private static Task<string> Json(MigratedDatabase db, string query) =>
        db.ScalarTextAsync($"SELECT coalesce(json_agg(r ORDER BY r::text)::text, '[]') FROM ({query}) r");
}
