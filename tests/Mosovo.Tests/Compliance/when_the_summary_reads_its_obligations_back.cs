using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mosovo.Api.Compliance;
using Mosovo.Api.Offenders;
using Mosovo.Tests.Infrastructure;
using Npgsql;

namespace Mosovo.Tests.Compliance;

/// <summary>
/// The stored summary holds no obligations of its own: it names those it holds, and the projection reads them back
/// from mosovo.obligations. What it reads back must be exactly the compact state the fold gives (times included, to
/// the microsecond), or the policies would decide differently on a stored offender than on its events.
/// </summary>
public sealed class when_the_summary_reads_its_obligations_back(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly EventTypeRegistry Types = OffenderEvents.Register(new EventTypeRegistry());
    private static readonly PolicyOptions Policies = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task after_every_append_the_state_read_back_is_the_compact_fold_and_the_table_holds_every_obligation(int seed)
    {
        var streams = api.Services.GetRequiredService<OffenderStreams>();
        var events = when_the_compliance_state_is_stored_compactly.History(seed);
        var id = ((OffenderRegistered)events[0]).OffenderId;
        for (var n = 0; n < events.Count; n++)
        {
            var next = events[n];
            (await streams.WriteAsSystemAsync(id, _ => [next], next.RecordedBy, "test", CancellationToken.None)).ShouldBe(1);

            var fold = Offender.Fold(when_the_compliance_state_is_stored_compactly.Recorded(events.Take(n + 1).ToList()), Policies)!;
            fold = fold with { Compliance = fold.Compliance.Stored() };
            Json(await ReadBackAsync(id)).ShouldBe(Json(fold), $"seed {seed}, after event {n + 1} ({events[n].GetType().Name})");
        }

        var all = Offender.Fold(when_the_compliance_state_is_stored_compactly.Recorded(events), Policies)!.Compliance.Obligations;
        var rows = await RowsAsync(id);
        rows.ShouldBe(all.Select(o => (o.Key, o.DueAt, o.Closure?.At)).OrderBy(r => r.Key, StringComparer.Ordinal).ToList());
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.obligations WHERE offender_id = '{id}' AND closed_at IS NULL"))
            .ShouldBe(all.Count(o => o.IsOpen));
        all.Count.ShouldBeGreaterThan((await ReadBackAsync(id)).Compliance.Obligations.Count, "most obligations live only in the table");
    }

    private async Task<Offender> ReadBackAsync(Guid id)
    {
        await using var connection = await api.Database.DataSource.OpenConnectionAsync();
        return (await OffenderSummaryProjection.ReadAsync(connection, null, [id], Types, CancellationToken.None))[id];
    }

    private async Task<List<(string Key, DateTimeOffset DueAt, DateTimeOffset? ClosedAt)>> RowsAsync(Guid id)
    {
        var rows = new List<(string, DateTimeOffset, DateTimeOffset?)>();
        await using var command = api.Database.DataSource.CreateCommand("SELECT key, due_at, closed_at FROM mosovo.obligations WHERE offender_id = $1 ORDER BY key COLLATE \"C\"");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2)));
        return rows;
    }

    /// <summary>The state as JSON; the closed keys as a set (built one append at a time, they come in another order).</summary>
    private static string Json(Offender state) => JsonSerializer.Serialize(
        state with { Compliance = state.Compliance with { ClosedKeys = [.. state.Compliance.ClosedKeys.Order(StringComparer.Ordinal)] } },
        Types.SerializerOptions);
}
