using Mosovo.EventStore;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.EventStore;

public sealed class when_streams_are_loaded_in_bulk(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task every_stream_reads_back_in_order_and_the_projections_saw_every_event()
    {
        var seen = new List<RecordedEvent>();
        var store = TestEvents.Store(database, new DelegateProjection("count", (_, events) =>
        {
            seen.AddRange(events);
            return Task.CompletedTask;
        }));
        var streams = Enumerable.Range(0, 20)
            .Select(i => new StreamStart(Guid.NewGuid(), TestEvents.StreamType,
                [new ThingOpened($"thing {i}", i), .. TestEvents.Notes(i % 4)], TestEvents.Metadata()))
            .ToList();

        await store.BulkStartStreamsAsync(streams);

        foreach (var stream in streams)
        {
            var events = await store.ReadStreamAsync(stream.Id);
            events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, stream.Events.Count).Select(v => (long)v));
            events.Select(e => e.Data).ShouldBe(stream.Events);
            (await store.GetStreamVersionAsync(stream.Id)).ShouldBe(stream.Events.Count);
        }

        seen.Count.ShouldBe(streams.Sum(s => s.Events.Count));
        var all = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync())
            all.Add(e);
        all.Select(e => e.Sequence).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task a_stream_that_already_exists_fails_the_whole_load_and_nothing_is_written()
    {
        var store = TestEvents.Store(database);
        var existing = Guid.NewGuid();
        await store.AppendAsync(existing, TestEvents.StreamType, 0, [new ThingOpened("first", 1)], TestEvents.Metadata());
        var before = await database.ScalarAsync("SELECT count(*) FROM mosovo.events");
        var fresh = new StreamStart(Guid.NewGuid(), TestEvents.StreamType, [new ThingOpened("fresh", 2)], TestEvents.Metadata());
        var clash = new StreamStart(existing, TestEvents.StreamType, [new ThingOpened("again", 3)], TestEvents.Metadata());

        await Should.ThrowAsync<Npgsql.PostgresException>(() => store.BulkStartStreamsAsync([fresh, clash]));

        (await database.ScalarAsync("SELECT count(*) FROM mosovo.events")).ShouldBe(before);
        (await store.GetStreamVersionAsync(fresh.Id)).ShouldBeNull();
    }
}
