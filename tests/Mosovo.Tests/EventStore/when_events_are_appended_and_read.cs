using Mosovo.EventStore;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.EventStore;

public sealed class when_events_are_appended_and_read(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task the_stream_reads_back_with_its_data_metadata_versions_and_sequences()
    {
        var store = TestEvents.Store(db);
        var id = Guid.NewGuid();
        var first = TestEvents.Metadata(TestEvents.At, "officer-1", causationId: Guid.NewGuid());
        // Recorded in a non-UTC offset: stored as the same instant in UTC.
        var second = TestEvents.Metadata(new DateTimeOffset(2026, 6, 15, 14, 30, 15, TimeSpan.FromHours(2)), "officer-2");

        var opened = await store.AppendAsync(id, TestEvents.StreamType, 0,
            [new ThingOpened("Thing", 7), new ThingNoted("first note"), new ThingNoted("second note")], first);
        var closed = await store.AppendAsync(id, TestEvents.StreamType, 3, [new ThingClosed("done")], second);

        opened.StreamId.ShouldBe(id);
        opened.Version.ShouldBe(3);
        opened.Events.Select(e => e.Version).ShouldBe([1L, 2L, 3L]);
        closed.Version.ShouldBe(4);
        closed.Events.Single().Version.ShouldBe(4);

        var stored = await db.DataSource.QueryAsync(
            "SELECT seq, version, type, data->>'name', recorded_at FROM mosovo.events WHERE stream_id = $1 ORDER BY version",
            r => (Seq: r.GetInt64(0), Version: r.GetInt64(1), Type: r.GetString(2), Name: r.IsDBNull(3) ? null : r.GetString(3), RecordedAt: r.GetFieldValue<DateTimeOffset>(4)),
            id);
        stored.Select(s => s.Version).ShouldBe([1L, 2L, 3L, 4L]);
        stored.Select(s => s.Type).ShouldBe([TestEvents.OpenedName, TestEvents.NotedName, TestEvents.NotedName, TestEvents.ClosedName]);
        stored[0].Name.ShouldBe("Thing"); // camelCase JSON, as the registry's serializer writes it
        stored.Select(s => s.Seq).ShouldBe(opened.Events.Concat(closed.Events).Select(e => e.Sequence));
        stored.Select(s => s.Seq).ShouldBeInOrder(SortDirection.Ascending);
        stored.Select(s => s.Seq).Distinct().Count().ShouldBe(4);
        stored[0].RecordedAt.ShouldBe(first.RecordedAt);
        stored[3].RecordedAt.ShouldBe(second.RecordedAt);

        var read = await store.ReadStreamAsync(id);
        read.Count.ShouldBe(4);
        read.ShouldAllBe(e => e.StreamId == id);
        read.Select(e => e.Version).ShouldBe([1L, 2L, 3L, 4L]);
        read.Select(e => e.Sequence).ShouldBe(stored.Select(s => s.Seq));
        read.Select(e => e.TypeName).ShouldBe(stored.Select(s => s.Type));
        read[0].Data.ShouldBe(new ThingOpened("Thing", 7));
        read[1].Data.ShouldBe(new ThingNoted("first note"));
        read[2].Data.ShouldBe(new ThingNoted("second note"));
        read[3].Data.ShouldBe(new ThingClosed("done"));
        read[0].Metadata.ShouldBe(first);
        read[2].Metadata.ShouldBe(first);
        read[3].Metadata.ShouldBe(second);
        read[3].Metadata.RecordedAt.Offset.ShouldBe(TimeSpan.Zero);
        read[3].Metadata.RecordedAt.UtcDateTime.ShouldBe(new DateTime(2026, 6, 15, 12, 30, 15, DateTimeKind.Utc));
        read[0].Metadata.CausationId.ShouldBe(first.CausationId);

        (await store.GetStreamVersionAsync(id)).ShouldBe(4);
        (await db.DataSource.StoredStreamVersionAsync(id)).ShouldBe(4);
        (await db.DataSource.ScalarAsync("SELECT type FROM mosovo.streams WHERE id = $1", id)).ShouldBe(TestEvents.StreamType);
    }

    [Fact]
    public async Task one_streams_events_are_not_read_with_another()
    {
        var store = TestEvents.Store(db);
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await store.AppendAsync(a, TestEvents.StreamType, 0, [new ThingOpened("A", 1)], TestEvents.Metadata());
        await store.AppendAsync(b, TestEvents.StreamType, 0, [new ThingOpened("B", 2), new ThingClosed("b")], TestEvents.Metadata());
        await store.AppendAsync(a, TestEvents.StreamType, 1, [new ThingClosed("a")], TestEvents.Metadata());

        (await store.ReadStreamAsync(a)).Select(e => e.Data).ShouldBe([new ThingOpened("A", 1), new ThingClosed("a")]);
        (await store.ReadStreamAsync(b)).Select(e => e.Data).ShouldBe([new ThingOpened("B", 2), new ThingClosed("b")]);
    }

    [Fact]
    public async Task reading_from_a_version_returns_that_version_and_later_ones_only()
    {
        var store = TestEvents.Store(db);
        var id = Guid.NewGuid();
        await store.AppendAsync(id, TestEvents.StreamType, 0, TestEvents.Notes(5), TestEvents.Metadata());

        var fromThree = await store.ReadStreamAsync(id, fromVersion: 3);
        fromThree.Select(e => e.Version).ShouldBe([3L, 4L, 5L]);
        fromThree.Select(e => ((ThingNoted)e.Data).Note).ShouldBe(["note 3", "note 4", "note 5"]);
        (await store.ReadStreamAsync(id, fromVersion: 5)).Select(e => e.Version).ShouldBe([5L]);
        (await store.ReadStreamAsync(id, fromVersion: 6)).ShouldBeEmpty();
    }

    [Fact]
    public async Task reading_backward_pages_through_the_stream_newest_first()
    {
        var store = TestEvents.Store(db);
        var id = Guid.NewGuid();
        await store.AppendAsync(id, TestEvents.StreamType, 0, TestEvents.Notes(4), TestEvents.Metadata());
        await store.AppendAsync(id, TestEvents.StreamType, 4, TestEvents.Notes(3, prefix: "later"), TestEvents.Metadata());

        var pages = new List<long[]>();
        for (var skip = 0; skip <= 9; skip += 3)
            pages.Add((await store.ReadStreamBackwardAsync(id, skip, 3)).Select(e => e.Version).ToArray());

        pages[0].ShouldBe([7L, 6L, 5L]);
        pages[1].ShouldBe([4L, 3L, 2L]);
        pages[2].ShouldBe([1L]);
        pages[3].ShouldBeEmpty();
        var newest = await store.ReadStreamBackwardAsync(id, 0, 1);
        newest.Single().Data.ShouldBe(new ThingNoted("later 3"));
    }

    [Fact]
    public async Task a_missing_stream_has_no_version_and_no_events()
    {
        var store = TestEvents.Store(db);
        var missing = Guid.NewGuid();

        (await store.GetStreamVersionAsync(missing)).ShouldBeNull();
        (await store.ReadStreamAsync(missing)).ShouldBeEmpty();
        (await store.ReadStreamBackwardAsync(missing, 0, 10)).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_empty_append_is_refused_and_writes_nothing()
    {
        var store = TestEvents.Store(db);
        var id = Guid.NewGuid();

        await Should.ThrowAsync<ArgumentException>(() => store.AppendAsync(id, TestEvents.StreamType, 0, [], TestEvents.Metadata()));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.AppendAsync(id, TestEvents.StreamType, -1, TestEvents.Notes(1), TestEvents.Metadata()));

        (await db.DataSource.StoredStreamVersionAsync(id)).ShouldBeNull();
    }
}
