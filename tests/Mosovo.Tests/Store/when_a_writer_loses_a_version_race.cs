using System.Net;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Store;

/// <summary>
/// Two officers record a visit on one offender from the same version, truly at once: both are inside the API, in
/// their transactions, before either has finished. The first records a two-officer visit; the second a single-officer
/// visit, which would open a supervisor's review. The second loses, and its transaction must leave nothing anywhere:
/// no event, no access log entry, no idempotency record, no change to the obligations. What the race leaves is
/// exactly what the winner's visit alone leaves on another offender.
/// </summary>
public sealed class when_a_writer_loses_a_version_race(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    private DateTimeOffset VisitedAt => api.Time.GetUtcNow().AddHours(-1);

    [Fact]
    public async Task the_losers_transaction_writes_nothing_anywhere()
    {
        var manager = Manager;
        var (alone, aloneETag) = await OffenderRequests.RegisterAsync(manager);
        var (raced, racedETag) = await OffenderRequests.RegisterAsync(manager);

        // The winner's visit on its own, on another offender: what one such write leaves.
        var beforeAlone = await Footprint.RowsAsync(api.Database);
        (await StoreCalls.VisitAsync(manager, alone, Winning(), aloneETag, Guid.NewGuid().ToString())).Status
            .ShouldBe(HttpStatusCode.Created);
        var afterAlone = await Footprint.RowsAsync(api.Database);

        var winnerKey = Guid.NewGuid().ToString();
        var loserKey = Guid.NewGuid().ToString();
        var winnerCorrelation = Guid.NewGuid();
        var loserCorrelation = Guid.NewGuid();
        Answer won, lost;
        await using (var held = await HeldSummaries.HoldAsync(api.Database))
        {
            // The winner is sent first and seen waiting inside the API (holding the offender's row) before the loser
            // is sent, so the loser queues behind it and is the one that loses.
            var winner = StoreCalls.VisitAsync(manager, raced, Winning(), racedETag, winnerKey, winnerCorrelation);
            await held.WaitForWaitersAsync(1);
            var loser = StoreCalls.VisitAsync(manager, raced, Losing(), racedETag, loserKey, loserCorrelation);
            await held.WaitForWaitersAsync(2);
            await held.ReleaseAsync();
            (won, lost) = (await winner, await loser);
        }

        won.Status.ShouldBe(HttpStatusCode.Created);
        won.ETag.ShouldBe("\"2\"");
        lost.Status.ShouldBe(HttpStatusCode.Conflict);
        lost.CurrentVersion.ShouldBe(2);

        // Table by table, the race added what the winner alone added: the loser added no row anywhere.
        var addedByTheRace = Footprint.Added(afterAlone, await Footprint.RowsAsync(api.Database));
        addedByTheRace.ShouldBe(Footprint.Added(beforeAlone, afterAlone));
        // Events and log entries carry their request's correlation id: the winner's are there, the loser's are not.
        (await Count($"SELECT count(*) FROM mosovo.mt_events WHERE correlation_id = '{winnerCorrelation}'"))
            .ShouldBe(1);
        (await Count($"SELECT count(*) FROM mosovo.mt_events WHERE correlation_id = '{loserCorrelation}'"))
            .ShouldBe(0);
        (await Count($"SELECT count(*) FROM mosovo.access_log WHERE correlation_id = '{winnerCorrelation}'"))
            .ShouldBe(1);
        (await Count("SELECT count(*) FROM mosovo.mt_events WHERE data->>'singleOfficerReason' IS NOT NULL"))
            .ShouldBe(0);
        (await Count($"SELECT count(*) FROM mosovo.access_log WHERE correlation_id = '{loserCorrelation}'"))
            .ShouldBe(0);
        (await Count($"SELECT count(*) FROM mosovo.idempotency_keys WHERE key = '{loserKey}'")).ShouldBe(0);
        (await Count($"SELECT count(*) FROM mosovo.idempotency_keys WHERE key = '{winnerKey}'")).ShouldBe(1);
        (await Count($"SELECT version FROM mosovo.offender_summaries WHERE offender_id = '{raced}'")).ShouldBe(2);
        // The obligations are those of the winner's visit alone: no review was opened, nothing else moved.
        (await ObligationsAsync(raced)).ShouldBe(await ObligationsAsync(alone));
        (await Count($"SELECT count(*) FROM mosovo.obligations WHERE offender_id = '{raced}' " +
            "AND kind = 'SingleOfficerVisitReview'")).ShouldBe(0);
    }

    private System.Text.Json.Nodes.JsonObject Winning() => OffenderRequests.TwoOfficerVisit(VisitedAt);

    private System.Text.Json.Nodes.JsonObject Losing() => OffenderRequests.SingleOfficerVisit(VisitedAt);

    /// <summary>
    /// An offender's obligations as stored, without what differs between two offenders registered alike: the
    /// offender's id and reference.
    /// </summary>
    private async Task<string> ObligationsAsync(Guid offenderId)
    {
        var reference = await api.Database.ScalarTextAsync(
            $"SELECT reference FROM mosovo.offender_summaries WHERE offender_id = '{offenderId}'");
        var obligations = await api.Database.ScalarTextAsync(
            $"""
            SELECT coalesce(jsonb_agg(to_jsonb(o) - 'offender_id' ORDER BY o.key)::text, '[]')
              FROM mosovo.obligations o WHERE o.offender_id = '{offenderId}'
            """);
        return obligations.Replace(reference, "(reference)", StringComparison.Ordinal);
    }

    private Task<long> Count(string sql) => api.Database.ScalarAsync(sql);
}
