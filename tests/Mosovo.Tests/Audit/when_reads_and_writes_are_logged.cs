using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Disclosures;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;
using Mosovo.Tests.Sharing;
using Npgsql;

namespace Mosovo.Tests.Audit;

public sealed class when_reads_and_writes_are_logged(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    private Task<long> LogCount(string where) => api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.access_log WHERE {where}");

    [Fact]
    public async Task a_registration_is_logged_as_a_collection_and_a_write_as_an_alteration_naming_every_event_written()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        (await LogCount($"offender_id = '{id}' AND kind = 'collection' AND what = 'offender-registered' AND outcome = 201")).ShouldBe(1);

        var response = await SharingRequests.PostAsync(Manager, id, "disclosures", etag, DisclosureRequests.ChildContact(api.Time.GetUtcNow().AddHours(-1)));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        // The disclosure and the PPN the system raised with it: one write, one entry.
        var what = await api.Database.ScalarTextAsync($"SELECT what FROM mosovo.access_log WHERE offender_id = '{id}' AND kind = 'alteration'");
        what.ShouldStartWith("disclosure-received,");
        what.ShouldContain("ppn");
        (await LogCount($"offender_id = '{id}'")).ShouldBe(2);
    }

    [Fact]
    public async Task a_write_refused_for_a_stale_version_logs_nothing_and_writes_nothing()
    {
        var (id, _) = await OffenderRequests.RegisterAsync(Manager);

        var stale = await SharingRequests.PostAsync(Manager, id, "visits", "\"5\"", OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddHours(-1)));

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await LogCount($"offender_id = '{id}'")).ShouldBe(1);
    }

    [Theory]
    [InlineData("/offenders/{id}", "offender-summary")]
    [InlineData("/offenders/{id}/timeline", "offender-timeline")]
    public async Task an_officers_read_of_a_record_is_logged_as_a_consultation(string path, string what)
    {
        var (id, _) = await OffenderRequests.RegisterAsync(Manager);

        (await Manager.GetAsync(path.Replace("{id}", id.ToString(), StringComparison.Ordinal))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await LogCount($"offender_id = '{id}' AND kind = 'consultation' AND what = '{what}' AND outcome = 200 AND user_name = 'DC Test Manager'")).ShouldBe(1);
    }

    [Fact]
    public async Task a_request_refused_before_its_endpoint_ran_is_logged_as_a_refusal()
    {
        var partner = api.ClientFor(Roles.MappaPartner, "PO Malformed", team: null, agency: "Probation");
        var request = new HttpRequestMessage(HttpMethod.Get, "/partner/offenders/not-an-id");
        request.Headers.Add("Access-Purpose", "Testing");

        var response = await partner.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await LogCount("kind = 'refusal' AND what = 'partner-summary' AND outcome = 400 AND user_name = 'PO Malformed' AND path = '/partner/offenders/not-an-id'")).ShouldBe(1);
    }

    [Fact]
    public async Task a_search_is_logged_with_what_was_searched_for()
    {
        (await Manager.GetAsync("/offenders?name=Fictional")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await LogCount("kind = 'consultation' AND what = 'offender-search' AND path = '/offenders?name=Fictional'")).ShouldBe(1);
    }

    [Fact]
    public async Task the_apis_database_role_may_add_to_the_log_but_not_change_delete_or_empty_it()
    {
        await OffenderRequests.RegisterAsync(Manager);
        // The API's own data source: it logs in as mosovo_api, so setting the role back gains nothing.
        var database = api.Services.GetRequiredService<NpgsqlDataSource>();
        (await Scalar(database, "SELECT session_user::text")).ShouldBe(Database.ApiRole);
        (await Scalar(database, "SELECT current_user::text")).ShouldBe(Database.ApiRole);

        foreach (var sql in new[]
        {
            "UPDATE mosovo.access_log SET purpose = 'changed'",
            "DELETE FROM mosovo.access_log",
            "TRUNCATE mosovo.access_log",
            "UPDATE mosovo.mt_events SET data = '{}'",
            "DELETE FROM mosovo.mt_events",
            "CREATE TABLE mosovo.sneaky (id int)",
            "DROP TABLE mosovo.access_log",
            "ALTER TABLE mosovo.access_log DISABLE TRIGGER access_log_append_only",
        })
        {
            var refused = await Should.ThrowAsync<PostgresException>(() => Execute(database, sql));
            refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
            var afterResettingTheRole = await Should.ThrowAsync<PostgresException>(() => Execute(database, $"SET ROLE NONE; {sql}"));
            afterResettingTheRole.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
        }

        var before = await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.access_log");
        await Execute(database,
            "INSERT INTO mosovo.access_log (at, kind, what, user_id, user_name, roles, outcome, method, path, correlation_id) "
            + "VALUES (now(), 'consultation', 'test', 'u', 'U', '', 200, 'GET', '/', gen_random_uuid())");
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.access_log")).ShouldBe(before + 1);
    }

    [Fact]
    public async Task not_even_the_schemas_owner_can_change_or_delete_an_entry()
    {
        await OffenderRequests.RegisterAsync(Manager);

        foreach (var sql in new[] { "UPDATE mosovo.access_log SET purpose = 'changed'", "DELETE FROM mosovo.access_log", "TRUNCATE mosovo.access_log" })
        {
            var refused = await Should.ThrowAsync<PostgresException>(() => Execute(api.Database.DataSource, sql));
            refused.MessageText.ShouldContain("append-only", Case.Insensitive, sql);
        }
    }

    [Fact]
    public async Task the_log_has_no_endpoint_that_changes_or_deletes_it()
    {
        var auditor = api.ClientFor(Roles.Auditor, "IA Auditor", team: null, agency: "Police");

        (await auditor.DeleteAsync("/audit/log")).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await auditor.PutAsJsonAsync("/audit/log", new { })).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await auditor.PostAsJsonAsync("/audit/log", new { })).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    private static async Task<string> Scalar(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Execute(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
