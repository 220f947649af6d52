using Mosovo.EventStore;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.EventStore;

public sealed class when_projections_are_rebuilt(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly RecordingProjection _projection = new("public.rebuilt_rows", "rebuilt");

    public Task InitializeAsync() => _projection.EnsureTableAsync(db.DataSource);

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(5000)]
    [InlineData(4)]
    [InlineData(1)]
    public async Task the_projection_is_emptied_and_replayed_to_the_same_rows(int pageSize)
    {
        var store = TestEvents.Store(db, _projection);
        var streams = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var stream in streams)
            await store.AppendAsync(stream, TestEvents.StreamType, 0, [new ThingOpened("r", 1), new ThingNoted("x")], TestEvents.Metadata());
        foreach (var stream in streams)
            await store.AppendAsync(stream, TestEvents.StreamType, 2, [new ThingClosed("end")], TestEvents.Metadata());
        var eventCount = await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.events");
        // Written inline by the appends: what the rebuild must give again.
        var built = (await _projection.RowsAsync(db.DataSource)).Where(r => streams.Contains(r.StreamId)).ToList();
        built.Count.ShouldBe(9);
        built.Select(r => r.Label).Take(3).ShouldBe(["opened r 1", "noted x", "opened r 1"]);

        // Damage the read model: a row lost, a row changed, a row that no event explains.
        await db.DataSource.ExecuteAsync("DELETE FROM public.rebuilt_rows WHERE seq = $1", built[0].Seq);
        await db.DataSource.ExecuteAsync("UPDATE public.rebuilt_rows SET label = 'tampered' WHERE seq = $1", built[^1].Seq);
        await db.DataSource.ExecuteAsync("INSERT INTO public.rebuilt_rows VALUES (-1, $1, 1, 'bogus', 'bogus')", Guid.NewGuid());

        var replayed = await new ProjectionRebuilder(db.DataSource, store, [_projection]).RebuildAsync(pageSize);

        replayed.ShouldBe(eventCount);
        var rebuilt = await _projection.RowsAsync(db.DataSource);
        rebuilt.Select(r => r.Seq).ShouldBe(await db.DataSource.QueryAsync("SELECT seq FROM mosovo.events ORDER BY seq", r => r.GetInt64(0)));
        rebuilt.Where(r => streams.Contains(r.StreamId)).ShouldBe(built);
    }

    [Fact]
    public async Task rebuilding_one_projection_replays_that_one_only()
    {
        var other = new RecordingProjection("public.not_rebuilt_rows", "not-rebuilt");
        await other.EnsureTableAsync(db.DataSource);
        var store = TestEvents.Store(db, _projection, other);
        await store.AppendAsync(Guid.NewGuid(), TestEvents.StreamType, 0, TestEvents.Notes(3), TestEvents.Metadata());
        var otherBefore = await other.RowsAsync(db.DataSource);
        var built = await _projection.RowsAsync(db.DataSource);
        await db.DataSource.ExecuteAsync("DELETE FROM public.rebuilt_rows");

        var replayed = await new ProjectionRebuilder(db.DataSource, store, [_projection]).RebuildAsync();

        replayed.ShouldBe(await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.events"));
        (await _projection.RowsAsync(db.DataSource)).ShouldBe(built);
        // The store's other projection was not emptied, so it must not see the events again.
        otherBefore.Count.ShouldBe(3);
        (await other.RowsAsync(db.DataSource)).ShouldBe(otherBefore);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task a_page_size_below_one_is_refused_and_the_read_model_is_untouched(int pageSize)
    {
        var store = TestEvents.Store(db, _projection);
        await store.AppendAsync(Guid.NewGuid(), TestEvents.StreamType, 0, TestEvents.Notes(2), TestEvents.Metadata());
        var before = await _projection.RowsAsync(db.DataSource);

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => new ProjectionRebuilder(db.DataSource, store, [_projection]).RebuildAsync(pageSize));

        before.ShouldNotBeEmpty();
        (await _projection.RowsAsync(db.DataSource)).ShouldBe(before);
    }

    [Fact]
    public async Task a_projection_failing_during_the_rebuild_leaves_the_read_model_as_it_was()
    {
        var store = TestEvents.Store(db, _projection);
        await store.AppendAsync(Guid.NewGuid(), TestEvents.StreamType, 0, TestEvents.Notes(3), TestEvents.Metadata());
        var before = await _projection.RowsAsync(db.DataSource);
        var failing = new DelegateProjection("fails-on-rebuild", (_, _) => throw new InvalidOperationException("cannot replay"));

        var error = await Should.ThrowAsync<ProjectionException>(() =>
            new ProjectionRebuilder(db.DataSource, store, [_projection, failing]).RebuildAsync(pageSize: 2));

        error.Projection.ShouldBe("fails-on-rebuild");
        before.ShouldNotBeEmpty();
        (await _projection.RowsAsync(db.DataSource)).ShouldBe(before);
    }
}
