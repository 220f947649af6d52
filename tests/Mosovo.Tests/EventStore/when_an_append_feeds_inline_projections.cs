using Mosovo.EventStore;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.EventStore;

public sealed class when_an_append_feeds_inline_projections(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly RecordingProjection _recording = new("public.inline_projection_rows");

    public Task InitializeAsync() => _recording.EnsureTableAsync(db.DataSource);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_working_projection_sees_the_events_inside_the_append_transaction()
    {
        var id = Guid.NewGuid();
        long insideTransaction = -1, outsideTransaction = -1;
        var observer = new DelegateProjection("observer", async (context, events) =>
        {
            insideTransaction = (await context.QueryAsync(
                "SELECT count(*) FROM mosovo.events WHERE stream_id = $1", r => r.GetInt64(0), id)).Single();
            outsideTransaction = await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.events WHERE stream_id = $1", id);
        });
        var store = TestEvents.Store(db, _recording, observer);

        var result = await store.AppendAsync(id, TestEvents.StreamType, 0, [new ThingOpened("P", 3), new ThingNoted("n")], TestEvents.Metadata());

        insideTransaction.ShouldBe(2);
        outsideTransaction.ShouldBe(0); // not committed yet while the projections ran
        var rows = (await _recording.RowsAsync(db.DataSource)).Where(r => r.StreamId == id).ToList();
        rows.Select(r => r.Seq).ShouldBe(result.Events.Select(e => e.Sequence));
        rows.Select(r => r.Version).ShouldBe([1L, 2L]);
        rows.Select(r => r.Type).ShouldBe([TestEvents.OpenedName, TestEvents.NotedName]);
        rows.Select(r => r.Label).ShouldBe(["opened P 3", "noted n"]);
    }

    [Fact]
    public async Task a_throwing_projection_fails_the_append_and_nothing_is_written()
    {
        var id = Guid.NewGuid();
        var failing = new DelegateProjection("failing", (_, _) => throw new InvalidOperationException("read model broke"));
        // The working projection runs first and writes its rows: they must be rolled back too.
        var store = TestEvents.Store(db, _recording, failing);
        var outboxBefore = await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.outbox");

        var error = await Should.ThrowAsync<ProjectionException>(() => store.AppendAsync(
            id, TestEvents.StreamType, 0, [new ThingOpened("never", 1)], TestEvents.Metadata(),
            new AppendOptions { Outbox = [new OutboxMessage("test.send", new ThingToSend(1)), new OutboxMessage("test.send", new ThingToSend(2))] }));

        error.Projection.ShouldBe("failing");
        error.InnerException.ShouldBeOfType<InvalidOperationException>().Message.ShouldBe("read model broke");
        error.Message.ShouldContain("read model broke");
        _recording.ApplyCalls.ShouldBe(1);
        await ShouldHaveWrittenNothingAsync(id, outboxBefore);
    }

    [Fact]
    public async Task a_throwing_projection_on_an_existing_stream_leaves_its_version_and_events_as_they_were()
    {
        var id = Guid.NewGuid();
        await TestEvents.Store(db).AppendAsync(id, TestEvents.StreamType, 0, TestEvents.Notes(2), TestEvents.Metadata());
        var failing = new DelegateProjection("failing", (_, _) => throw new InvalidOperationException("no"));
        var store = TestEvents.Store(db, _recording, failing);

        await Should.ThrowAsync<ProjectionException>(() => store.AppendAsync(
            id, TestEvents.StreamType, 2, [new ThingClosed("never")], TestEvents.Metadata(),
            new AppendOptions { Outbox = [new OutboxMessage("test.send", new ThingToSend(3))] }));

        (await db.DataSource.StoredVersionsAsync(id)).ShouldBe([1L, 2L]);
        (await db.DataSource.StoredStreamVersionAsync(id)).ShouldBe(2);
        (await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.outbox WHERE stream_id = $1", id)).ShouldBe(0);
        (await _recording.RowsAsync(db.DataSource)).ShouldNotContain(r => r.StreamId == id);
    }

    [Fact]
    public async Task a_throwing_before_commit_rolls_back_events_projections_and_outbox()
    {
        var id = Guid.NewGuid();
        var store = TestEvents.Store(db, _recording);
        var outboxBefore = await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.outbox");
        AppendResult? seen = null;

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.AppendAsync(
            id, TestEvents.StreamType, 0, [new ThingOpened("never", 1)], TestEvents.Metadata(),
            new AppendOptions
            {
                Outbox = [new OutboxMessage("test.send", new ThingToSend(1))],
                BeforeCommit = async (context, result, _) =>
                {
                    seen = result;
                    await context.ExecuteAsync("CREATE TABLE IF NOT EXISTS public.before_commit_marks (stream_id uuid PRIMARY KEY)");
                    await context.ExecuteAsync("INSERT INTO public.before_commit_marks (stream_id) VALUES ($1)", id);
                    throw new InvalidOperationException("idempotency record clash");
                },
            }));

        error.Message.ShouldBe("idempotency record clash");
        seen.ShouldNotBeNull().Version.ShouldBe(1);
        await ShouldHaveWrittenNothingAsync(id, outboxBefore);
        // The table the callback created went with the rollback too.
        (await db.DataSource.ScalarAsync("SELECT to_regclass('public.before_commit_marks') IS NOT NULL")).ShouldBe(false);
    }

    [Fact]
    public async Task before_commit_work_is_committed_with_the_events()
    {
        var id = Guid.NewGuid();
        var store = TestEvents.Store(db, _recording);
        await db.DataSource.ExecuteAsync("CREATE TABLE IF NOT EXISTS public.committed_marks (stream_id uuid PRIMARY KEY, version bigint NOT NULL)");

        var result = await store.AppendAsync(id, TestEvents.StreamType, 0, TestEvents.Notes(3), TestEvents.Metadata(),
            new AppendOptions
            {
                BeforeCommit = (context, appended, _) =>
                    context.ExecuteAsync("INSERT INTO public.committed_marks (stream_id, version) VALUES ($1, $2)", id, appended.Version),
            });

        result.Version.ShouldBe(3);
        (await db.DataSource.CountAsync("SELECT version FROM public.committed_marks WHERE stream_id = $1", id)).ShouldBe(3);
        (await _recording.RowsAsync(db.DataSource)).Count(r => r.StreamId == id).ShouldBe(3);
    }

    private async Task ShouldHaveWrittenNothingAsync(Guid id, long outboxBefore)
    {
        (await db.DataSource.StoredStreamVersionAsync(id)).ShouldBeNull();
        (await db.DataSource.StoredVersionsAsync(id)).ShouldBeEmpty();
        (await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.outbox")).ShouldBe(outboxBefore);
        (await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.outbox WHERE stream_id = $1", id)).ShouldBe(0);
        (await _recording.RowsAsync(db.DataSource)).ShouldNotContain(r => r.StreamId == id);
    }
}
