using Mosovo.EventStore;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.EventStore;

public sealed class when_appends_to_many_streams_interleave(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    // 5 streams x 3 rounds x 2 events = 30 events: page sizes that divide it (5, 1) end on a full page,
    // the others on a partial one.
    [Theory]
    [InlineData(1000)]
    [InlineData(7)]
    [InlineData(5)]
    [InlineData(1)]
    public async Task read_all_returns_every_event_once_in_strictly_increasing_sequence_order(int pageSize)
    {
        var store = TestEvents.Store(db);
        var before = await db.DataSource.CountAsync("SELECT coalesce(max(seq), 0) FROM mosovo.events");
        var streams = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var appended = new List<RecordedEvent>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var (stream, index) in streams.Select((s, i) => (s, i)))
            {
                var result = await store.AppendAsync(stream, TestEvents.StreamType, round * 2,
                    [new ThingNoted($"stream {index} round {round} a"), new ThingNoted($"stream {index} round {round} b")],
                    TestEvents.Metadata());
                appended.AddRange(result.Events);
            }
        }

        var all = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync(before, pageSize))
            all.Add(e);

        all.Count.ShouldBe(30);
        for (var i = 1; i < all.Count; i++)
            all[i].Sequence.ShouldBeGreaterThan(all[i - 1].Sequence);
        all.Select(e => (e.Sequence, e.StreamId, e.Version)).ShouldBe(appended.Select(e => (e.Sequence, e.StreamId, e.Version)));
        all.Select(e => e.Data).ShouldBe(appended.Select(e => e.Data));
        // Interleaved: consecutive events in global order alternate streams every two events.
        all.Select(e => e.StreamId).Take(4).ShouldBe([streams[0], streams[0], streams[1], streams[1]]);
        // Versions are per stream; global order keeps each stream's own order.
        foreach (var stream in streams)
            all.Where(e => e.StreamId == stream).Select(e => e.Version).ShouldBe([1L, 2L, 3L, 4L, 5L, 6L]);

        var stored = await db.DataSource.QueryAsync("SELECT seq FROM mosovo.events WHERE seq > $1 ORDER BY seq", r => r.GetInt64(0), before);
        all.Select(e => e.Sequence).ShouldBe(stored);
    }

    [Fact]
    public async Task read_all_after_a_sequence_starts_after_it()
    {
        var store = TestEvents.Store(db);
        var id = Guid.NewGuid();
        var result = await store.AppendAsync(id, TestEvents.StreamType, 0, TestEvents.Notes(4), TestEvents.Metadata());
        var afterSecond = result.Events[1].Sequence;

        var rest = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync(afterSecond, pageSize: 1))
            rest.Add(e);

        rest.Select(e => e.Sequence).ShouldBe([result.Events[2].Sequence, result.Events[3].Sequence]);
        rest.Select(e => e.Version).ShouldBe([3L, 4L]);
    }
}
