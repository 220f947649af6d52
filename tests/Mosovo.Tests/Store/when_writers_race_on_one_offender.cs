using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Store;

/// <summary>
/// Many officers record a home visit on one offender at the same moment, each from the version they read. Only one
/// can be first; the rest are told the version the record has moved on to and resend with it, as a client should,
/// until their visit is recorded. The offender's stream must end with every visit exactly once, in versions with no
/// gap, and the summary and the timeline must agree with it.
/// </summary>
public sealed class when_writers_race_on_one_offender(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const int Writers = 64;

    // A writer can lose only to another writer's visit committed after its last read, so with 63 others it
    // succeeds by its 64th attempt at the latest: more attempts than that would mean a lost or phantom write.
    private const int MostAttempts = Writers;

    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    [Fact]
    public async Task no_write_is_lost_and_none_is_duplicated()
    {
        var manager = Manager;
        var (id, etag) = await OffenderRequests.RegisterAsync(manager);
        var visitedAt = api.Time.GetUtcNow().AddHours(-1);

        var outcomes = await RaceAsync(manager, id, etag, visitedAt);

        // The first round, all sent with the registration's version and all inside the API before any finished:
        // one won and 63 lost.
        outcomes.Count(o => o.Attempts[0].Status == HttpStatusCode.Created).ShouldBe(1);
        foreach (var outcome in outcomes)
        {
            outcome.Final.Status.ShouldBe(HttpStatusCode.Created, $"writer {outcome.Writer}");
            outcome.Attempts.SkipLast(1).ShouldAllBe(a => a.Status == HttpStatusCode.Conflict);
            // Each 409 named a version the record had really moved on to: later than the one the writer sent.
            for (var i = 0; i < outcome.Attempts.Count - 1; i++)
                outcome.Attempts[i].CurrentVersion.ShouldBeGreaterThan(SentVersion(outcome, i, etag));
        }

        var last = Writers + 1L;
        var versions = outcomes.Select(o => VersionOf(o.Final.ETag!)).Order().ToList();
        versions.ShouldBe(Enumerable.Range(2, Writers).Select(v => (long)v));
        outcomes.ShouldAllBe(o => o.Final.Json["version"]!.GetValue<long>() == VersionOf(o.Final.ETag!));

        var stored = await StoredVisitsAsync(id);
        stored.Select(e => e.Version).ShouldBe(Enumerable.Range(1, Writers + 1).Select(v => (long)v));
        stored.Skip(1).ShouldAllBe(e => e.Type == "home-visit-recorded");
        stored.Skip(1).Select(e => e.Observations).Order(StringComparer.Ordinal)
            .ShouldBe(Enumerable.Range(1, Writers).Select(Observations).Order(StringComparer.Ordinal));
        (await api.Database.ScalarAsync($"SELECT version FROM mosovo.mt_streams WHERE id = '{id}'")).ShouldBe(last);
        (await api.Database.ScalarAsync($"SELECT version FROM mosovo.offender_summaries WHERE offender_id = '{id}'"))
            .ShouldBe(last);

        var summary = await manager.GetAsync($"/offenders/{id}");
        summary.Headers.ETag!.Tag.ShouldBe($"\"{last}\"");
        var timeline = await manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline?pageSize=100");
        timeline!["total"]!.GetValue<long>().ShouldBe(last);
        var entries = timeline["entries"]!.AsArray();
        entries.Select(e => e!["version"]!.GetValue<long>()).ShouldBe(Enumerable.Range(1, Writers + 1).Reverse()
            .Select(v => (long)v));
        var visitIds = entries.Where(e => e!["type"]!.GetValue<string>() == "home-visit-recorded")
            .Select(e => e!["data"]!["visitId"]!.GetValue<Guid>()).ToList();
        visitIds.Order().ShouldBe(outcomes.Select(o => o.Final.Json["id"]!.GetValue<Guid>()).Order());

        // One access log entry per recorded visit; the lost attempts left none.
        (await api.Database.ScalarAsync(
                $"SELECT count(*) FROM mosovo.access_log WHERE offender_id = '{id}' AND kind = 'alteration'"))
            .ShouldBe(Writers);
        (await api.Database.ScalarAsync(
                $"SELECT count(*) FROM mosovo.access_log WHERE offender_id = '{id}' AND outcome = 409"))
            .ShouldBe(0);
    }

    /// <summary>
    /// Sends the 64 writers together with the summaries held, waits until every one is waiting inside the API, then
    /// lets them go; each resends with the version its 409 names until its visit is recorded.
    /// </summary>
    private async Task<Outcome[]> RaceAsync(HttpClient manager, Guid id, string etag, DateTimeOffset visitedAt)
    {
        await using var held = await HeldSummaries.HoldAsync(api.Database);
        var racing = StoreCalls.AllAtOnceAsync(
            Writers, i => WriteUntilRecordedAsync(manager, id, etag, i + 1, visitedAt));
        await held.WaitForWaitersAsync(Writers);
        await held.ReleaseAsync();
        return await racing.WaitAsync(TimeSpan.FromMinutes(5));
    }

    private static async Task<Outcome> WriteUntilRecordedAsync(
        HttpClient client, Guid id, string etag, int writer, DateTimeOffset visitedAt)
    {
        var body = OffenderRequests.TwoOfficerVisit(visitedAt);
        body["observations"] = Observations(writer);
        var attempts = new List<Answer>();
        var ifMatch = etag;
        while (attempts.Count < MostAttempts)
        {
            var answer = await StoreCalls.VisitAsync(client, id, body, ifMatch);
            attempts.Add(answer);
            if (answer.Status != HttpStatusCode.Conflict)
                break;
            ifMatch = $"\"{answer.CurrentVersion}\"";
        }

        return new Outcome(writer, attempts);
    }

    private async Task<List<StoredVisit>> StoredVisitsAsync(Guid id)
    {
        await using var command = api.Database.DataSource.CreateCommand(
            "SELECT version, type, data->>'observations' FROM mosovo.mt_events WHERE stream_id = $1 ORDER BY seq_id");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new List<StoredVisit>();
        while (await reader.ReadAsync())
        {
            stored.Add(new StoredVisit(
                reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
        return stored;
    }

    private static string Observations(int writer) => $"Writer {writer}: address as notified.";

    /// <summary>The version an attempt sent: the first the registration's, each later one the last 409's.</summary>
    private static long SentVersion(Outcome outcome, int attempt, string etag) =>
        attempt == 0 ? VersionOf(etag) : outcome.Attempts[attempt - 1].CurrentVersion;

    private static long VersionOf(string etag) => long.Parse(etag.Trim('"'), CultureInfo.InvariantCulture);

    private sealed record Outcome(int Writer, List<Answer> Attempts)
    {
        public Answer Final => Attempts[^1];
    }

    private sealed record StoredVisit(long Version, string Type, string? Observations);
}
