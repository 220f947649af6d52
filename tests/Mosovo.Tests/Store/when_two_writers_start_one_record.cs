using Microsoft.Extensions.DependencyInjection;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Store;

/// <summary>
/// Two writers start the record of the same new offender at once: both find no record, both decide to register,
/// both are in their transactions before either finishes. Over HTTP this cannot happen (the API chooses a new
/// offender's id), so the writers here are the write path the API and the system share, as the demo data uses it.
/// One record is started, with one registration; the other writer fails and keeps nothing.
/// </summary>
public sealed class when_two_writers_start_one_record(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly Actor Loader = new("store-test", "Store test loader");

    [Fact]
    public async Task one_record_is_started_and_the_other_writer_keeps_nothing()
    {
        var streams = api.Services.GetRequiredService<OffenderStreams>();
        var id = Guid.NewGuid();
        var rows = await Footprint.RowsAsync(api.Database);

        Outcome[] outcomes;
        await using (var held = await HeldSummaries.HoldAsync(api.Database))
        {
            var first = StartAsync(streams, id, "Firstwriter");
            var second = StartAsync(streams, id, "Secondwriter");
            await held.WaitForWaitersAsync(2);
            await held.ReleaseAsync();
            outcomes = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromMinutes(1));
        }

        var winner = outcomes.Where(o => o.Appended == 1).ShouldHaveSingleItem();
        var loser = outcomes.Where(o => o.Appended != 1).ShouldHaveSingleItem();
        // The exception the write path takes for a lost race (over HTTP it answers 409 for it).
        loser.Error.ShouldBeOfType<Marten.Exceptions.ExistingStreamIdCollisionException>();
        (await Count($"SELECT count(*) FROM mosovo.mt_streams WHERE id = '{id}'")).ShouldBe(1);
        (await Count($"SELECT version FROM mosovo.mt_streams WHERE id = '{id}'")).ShouldBe(1);
        (await Count($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'")).ShouldBe(1);
        (await Count($"SELECT count(*) FROM mosovo.access_log WHERE offender_id = '{id}'")).ShouldBe(1);
        // The summary is the winner's, as is the one event: nothing of the loser's decision was kept.
        (await Text($"SELECT data->'name'->>'familyName' FROM mosovo.mt_events WHERE stream_id = '{id}'"))
            .ShouldBe(winner.FamilyName);
        (await Text($"SELECT family_name FROM mosovo.offender_summaries WHERE offender_id = '{id}'"))
            .ShouldBe(winner.FamilyName);

        // Table by table, only the winner's rows were added. After a failed append Marten may also add, once per
        // process and outside the failed transaction, an empty stream row of its own (its "tombstone" stream: no
        // type, version 0, no events), so offender streams are counted apart from it.
        var added = Footprint.Added(rows, await Footprint.RowsAsync(api.Database));
        added.Keys.Except(["mt_streams", "obligations", "obligation_counts"])
            .ShouldBe(["access_log", "mt_events", "offender_summaries"], ignoreOrder: true);
        added["mt_events"].ShouldBe(1);
        added["offender_summaries"].ShouldBe(1);
        added["access_log"].ShouldBe(1);
        (await Count($"SELECT count(*) FROM mosovo.mt_streams WHERE type = '{EventStore.OffenderStreamType}'"))
            .ShouldBe(await Count("SELECT count(*) FROM mosovo.offender_summaries"));
        (await Count("SELECT count(*) FROM mosovo.mt_streams s WHERE s.type IS NULL AND (s.version <> 0 " +
            "OR EXISTS (SELECT 1 FROM mosovo.mt_events e WHERE e.stream_id = s.id))")).ShouldBe(0);
    }

    /// <summary>Starts the offender's record if there is none, and says how it went.</summary>
    private static async Task<Outcome> StartAsync(OffenderStreams streams, Guid id, string familyName)
    {
        try
        {
            var appended = await streams.WriteAsSystemAsync(
                id, current => current is null ? [Registration(id, familyName)] : [], Loader, "store test",
                CancellationToken.None);
            return new Outcome(familyName, appended, null);
        }
        catch (Exception e)
        {
            return new Outcome(familyName, null, e);
        }
    }

    private static OffenderRegistered Registration(Guid id, string familyName)
    {
        var today = new DateOnly(2026, 6, 15);
        var command = new RegisterOffender.Command(
            new PersonName("Test", familyName), [], new DateOnly(1980, 4, 1),
            new Address("1 Example Street", null, "Demotown", "ZZ1 1AA"), "Fictional offence for tests",
            today.AddMonths(-6), new Sentence(SentenceKind.Custodial, 36, null), null, 1,
            new Officer("DC1234", "DC Test Manager"), "North MOSOVO", today);
        return RegisterOffender.Decide(id, "MOS-TEST-01", command, Loader, new DateTimeOffset(2026, 6, 15, 10, 0, 0,
            TimeSpan.Zero));
    }

    private Task<long> Count(string sql) => api.Database.ScalarAsync(sql);

    private Task<string> Text(string sql) => api.Database.ScalarTextAsync(sql);

    private sealed record Outcome(string FamilyName, int? Appended, Exception? Error);
}
