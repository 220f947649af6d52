using Mosovo.EventStore;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.EventStore;

public sealed class when_writers_race_on_one_stream(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private const int Writers = 8;

    [Fact]
    public async Task exactly_one_succeeds_and_the_stream_has_no_gaps()
    {
        var store = TestEvents.Store(db);
        var id = Guid.NewGuid();
        await store.AppendAsync(id, TestEvents.StreamType, 0, [new ThingOpened("raced", 1), new ThingNoted("set up")], TestEvents.Metadata());

        // Several rounds, each racing from the version the last round left.
        var version = 2L;
        for (var round = 0; round < 5; round++)
        {
            var outcomes = await RaceAsync(store, id, version, eventsEach: 3);

            var winners = outcomes.Where(o => o.Error is null).ToList();
            winners.Count.ShouldBe(1, $"round {round}: {string.Join("; ", outcomes.Select(o => o.Error?.Message))}");
            var losers = outcomes.Where(o => o.Error is not null).ToList();
            losers.Count.ShouldBe(Writers - 1);
            foreach (var loser in losers)
            {
                var conflict = loser.Error.ShouldBeOfType<ConcurrencyException>();
                conflict.StreamId.ShouldBe(id);
                conflict.ExpectedVersion.ShouldBe(version);
                conflict.ActualVersion.ShouldBe(version + 3);
            }

            version += 3;
            winners[0].Result!.Version.ShouldBe(version);
            (await db.DataSource.StoredVersionsAsync(id)).ShouldBe(Enumerable.Range(1, (int)version).Select(v => (long)v));
            (await db.DataSource.StoredStreamVersionAsync(id)).ShouldBe(version);

            // The new events are all the winner's.
            var newest = await store.ReadStreamAsync(id, version - 2);
            newest.Select(e => ((ThingNoted)e.Data).Writer).ShouldAllBe(w => w == winners[0].Writer);
        }
    }

    [Fact]
    public async Task exactly_one_creates_a_new_stream()
    {
        var store = TestEvents.Store(db);
        var id = Guid.NewGuid();

        var outcomes = await RaceAsync(store, id, 0, eventsEach: 2);

        var winner = outcomes.Where(o => o.Error is null).ShouldHaveSingleItem();
        winner.Result!.Version.ShouldBe(2);
        foreach (var loser in outcomes.Where(o => o.Error is not null))
        {
            var conflict = loser.Error.ShouldBeOfType<ConcurrencyException>();
            conflict.ExpectedVersion.ShouldBe(0);
            conflict.ActualVersion.ShouldBe(2);
        }

        outcomes.Count(o => o.Error is not null).ShouldBe(Writers - 1);
        (await db.DataSource.StoredVersionsAsync(id)).ShouldBe([1L, 2L]);
        (await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.streams WHERE id = $1", id)).ShouldBe(1);
        (await store.ReadStreamAsync(id)).Select(e => ((ThingNoted)e.Data).Writer).ShouldAllBe(w => w == winner.Writer);
    }

    [Fact]
    public async Task appending_at_version_zero_to_an_existing_stream_throws_and_writes_nothing()
    {
        var store = TestEvents.Store(db);
        var id = Guid.NewGuid();
        await store.AppendAsync(id, TestEvents.StreamType, 0, TestEvents.Notes(2), TestEvents.Metadata());
        var eventsBefore = await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.events");

        var conflict = await Should.ThrowAsync<ConcurrencyException>(() =>
            store.AppendAsync(id, TestEvents.StreamType, 0, [new ThingOpened("again", 2)], TestEvents.Metadata(),
                new AppendOptions { Outbox = [new OutboxMessage("test.send", new ThingToSend(1))] }));

        conflict.ExpectedVersion.ShouldBe(0);
        conflict.ActualVersion.ShouldBe(2);
        (await db.DataSource.StoredVersionsAsync(id)).ShouldBe([1L, 2L]);
        (await db.DataSource.StoredStreamVersionAsync(id)).ShouldBe(2);
        (await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.events")).ShouldBe(eventsBefore);
        (await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.outbox WHERE stream_id = $1", id)).ShouldBe(0);
        (await store.ReadStreamAsync(id)).ShouldAllBe(e => e.Data is ThingNoted);
    }

    [Fact]
    public async Task appending_at_a_version_ahead_of_the_stream_throws_and_writes_nothing()
    {
        var store = TestEvents.Store(db);
        var id = Guid.NewGuid();
        await store.AppendAsync(id, TestEvents.StreamType, 0, TestEvents.Notes(2), TestEvents.Metadata());
        var eventsBefore = await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.events");

        var conflict = await Should.ThrowAsync<ConcurrencyException>(() =>
            store.AppendAsync(id, TestEvents.StreamType, 5, TestEvents.Notes(2, prefix: "ahead"), TestEvents.Metadata(),
                new AppendOptions { Outbox = [new OutboxMessage("test.send", new ThingToSend(1))] }));

        conflict.ExpectedVersion.ShouldBe(5);
        conflict.ActualVersion.ShouldBe(2);
        (await db.DataSource.StoredVersionsAsync(id)).ShouldBe([1L, 2L]);
        (await db.DataSource.StoredStreamVersionAsync(id)).ShouldBe(2);
        (await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.events")).ShouldBe(eventsBefore);
        (await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.outbox WHERE stream_id = $1", id)).ShouldBe(0);
    }

    [Fact]
    public async Task appending_at_a_stale_version_throws_and_writes_nothing()
    {
        var store = TestEvents.Store(db);
        var id = Guid.NewGuid();
        await store.AppendAsync(id, TestEvents.StreamType, 0, TestEvents.Notes(3), TestEvents.Metadata());

        var conflict = await Should.ThrowAsync<ConcurrencyException>(() =>
            store.AppendAsync(id, TestEvents.StreamType, 1, TestEvents.Notes(1, prefix: "stale"), TestEvents.Metadata()));

        conflict.ExpectedVersion.ShouldBe(1);
        conflict.ActualVersion.ShouldBe(3);
        (await store.ReadStreamAsync(id)).Select(e => ((ThingNoted)e.Data).Note).ShouldBe(["note 1", "note 2", "note 3"]);
        (await db.DataSource.StoredStreamVersionAsync(id)).ShouldBe(3);
    }

    [Fact]
    public async Task appending_to_a_missing_stream_at_a_nonzero_version_throws_and_creates_nothing()
    {
        var store = TestEvents.Store(db);
        var id = Guid.NewGuid();

        var conflict = await Should.ThrowAsync<ConcurrencyException>(() =>
            store.AppendAsync(id, TestEvents.StreamType, 3, TestEvents.Notes(1), TestEvents.Metadata()));

        conflict.ActualVersion.ShouldBeNull();
        conflict.Message.ShouldContain("does not exist");
        (await db.DataSource.StoredStreamVersionAsync(id)).ShouldBeNull();
        (await db.DataSource.StoredVersionsAsync(id)).ShouldBeEmpty();
    }

    private async Task<List<Outcome>> RaceAsync(PostgresEventStore store, Guid id, long expectedVersion, int eventsEach)
    {
        // Warm the pool so that every writer has an open connection of its own when the gate opens.
        var warm = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => db.DataSource.OpenConnectionAsync().AsTask()));
        foreach (var connection in warm)
            await connection.DisposeAsync();

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = 0;
        var writers = Enumerable.Range(1, Writers).Select(writer => Task.Run(async () =>
        {
            if (Interlocked.Increment(ref waiting) == Writers)
                allWaiting.SetResult();
            await gate.Task;
            try
            {
                var result = await store.AppendAsync(id, TestEvents.StreamType, expectedVersion,
                    TestEvents.Notes(eventsEach, writer, $"writer {writer}"), TestEvents.Metadata(userId: $"writer-{writer}"));
                return new Outcome(writer, result, null);
            }
            catch (Exception e)
            {
                return new Outcome(writer, null, e);
            }
        })).ToList();

        await allWaiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        gate.SetResult();
        return [.. await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60))];
    }

    private sealed record Outcome(int Writer, AppendResult? Result, Exception? Error);
}
