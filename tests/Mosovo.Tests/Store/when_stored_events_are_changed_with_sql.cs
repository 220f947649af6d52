using System.Net;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;
using Npgsql;

namespace Mosovo.Tests.Store;

/// <summary>
/// Someone with a database connection tries to change an offender's history behind the API's back. Marten's
/// tables hold the history, and nothing recorded may be edited, deleted or emptied: not by the API's own role
/// (it may only add), and not by the schema's owner either (triggers refuse it). The event stays as it was.
/// </summary>
public sealed class when_stored_events_are_changed_with_sql(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> ChangesToEvents => new()
    {
        "UPDATE mosovo.mt_events SET data = '{\"observations\": \"forged\"}' WHERE stream_id = '{id}'",
        "UPDATE mosovo.mt_events SET version = version + 100 WHERE stream_id = '{id}'",
        "DELETE FROM mosovo.mt_events WHERE stream_id = '{id}'",
        "TRUNCATE mosovo.mt_events",
        "TRUNCATE mosovo.mt_events CASCADE",
    };

    public static TheoryData<string> ChangesToStreams => new()
    {
        "DELETE FROM mosovo.mt_streams WHERE id = '{id}'",
        "TRUNCATE mosovo.mt_streams CASCADE",
    };

    [Theory]
    [MemberData(nameof(ChangesToEvents))]
    [MemberData(nameof(ChangesToStreams))]
    public async Task the_apis_role_is_refused_and_the_history_is_unchanged(string change)
    {
        var (id, before) = await RecordedAsync();
        // Logged in as the API's role itself, as the API is: setting the role back gains nothing.
        await using var asApi = NpgsqlDataSource.Create(Database.AsApiLogin(api.Database.ConnectionString));
        (await ScalarTextAsync(asApi, "SELECT session_user::text")).ShouldBe(Database.ApiRole);

        var refused = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(asApi, Sql(change, id)));
        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        var afterResettingTheRole = await Should.ThrowAsync<PostgresException>(
            () => ExecuteAsync(asApi, "SET ROLE NONE; " + Sql(change, id)));
        afterResettingTheRole.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);

        (await HistoryAsync(id)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(ChangesToEvents))]
    [MemberData(nameof(ChangesToStreams))]
    public async Task not_even_the_schemas_owner_may_do_it_and_the_history_is_unchanged(string change)
    {
        var (id, before) = await RecordedAsync();
        (await api.Database.ScalarTextAsync("SELECT session_user::text")).ShouldNotBe(Database.ApiRole);

        var refused = await Should.ThrowAsync<PostgresException>(
            () => ExecuteAsync(api.Database.DataSource, Sql(change, id)));

        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        refused.MessageText.ShouldContain("append-only");
        (await HistoryAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task the_apis_role_may_still_add_to_the_history()
    {
        var (id, _) = await RecordedAsync();

        // The API appends through Marten as its own role: the limits leave that open.
        var manager = api.ClientFor(Roles.OffenderManager, "DC Test Manager");
        var visit = OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddHours(-2));
        (await StoreCalls.VisitAsync(manager, id, visit, "\"2\"")).Status.ShouldBe(HttpStatusCode.Created);

        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'")).ShouldBe(3);
    }

    /// <summary>An offender with a registration and a visit, and the stored history as text.</summary>
    private async Task<(Guid Id, string History)> RecordedAsync()
    {
        var manager = api.ClientFor(Roles.OffenderManager, "DC Test Manager");
        var (id, etag) = await OffenderRequests.RegisterAsync(manager);
        var visit = OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddHours(-1));
        (await StoreCalls.VisitAsync(manager, id, visit, etag)).Status.ShouldBe(HttpStatusCode.Created);
        return (id, await HistoryAsync(id));
    }

    /// <summary>How many events are stored in all, and the offender's events and stream row as stored.</summary>
    private async Task<string> HistoryAsync(Guid id) =>
        $"{await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_events")} "
        + (await Footprint.OfAsync(api.Database, id)).Stream;

    private static string Sql(string change, Guid id) =>
        change.Replace("{id}", id.ToString(), StringComparison.Ordinal);

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarTextAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
