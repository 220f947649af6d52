using Mosovo.EventStore;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.EventStore;

public sealed class when_event_types_are_not_registered(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task appending_an_unregistered_type_throws_and_writes_nothing()
    {
        var store = TestEvents.Store(db);
        var id = Guid.NewGuid();
        var eventsBefore = await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.events");

        var error = await Should.ThrowAsync<UnknownEventTypeException>(() => store.AppendAsync(
            id, TestEvents.StreamType, 0, [new ThingOpened("ok", 1), new ThingNobodyRegistered("x")], TestEvents.Metadata(),
            new AppendOptions { Outbox = [new OutboxMessage("test.send", new ThingToSend(1))] }));

        error.Message.ShouldContain(typeof(ThingNobodyRegistered).FullName!);
        (await db.DataSource.StoredStreamVersionAsync(id)).ShouldBeNull();
        (await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.events")).ShouldBe(eventsBefore);
        (await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.outbox WHERE stream_id = $1", id)).ShouldBe(0);
    }

    [Fact]
    public async Task reading_a_stored_event_of_an_unregistered_type_throws_naming_the_type_and_sequence()
    {
        var store = TestEvents.Store(db);
        var id = Guid.NewGuid();
        await store.AppendAsync(id, TestEvents.StreamType, 0, [new ThingOpened("known", 1)], TestEvents.Metadata());
        var mystery = (long)(await db.DataSource.ScalarAsync(
            """
            INSERT INTO mosovo.events (stream_id, version, type, data, metadata, recorded_at)
            VALUES ($1, 2, 'test.thing-from-the-future', '{"what": "unknown"}', '{"userId": "u", "userName": "U", "recordedAt": "2026-06-15T10:00:00Z", "correlationId": "00000000-0000-0000-0000-000000000001"}', now())
            RETURNING seq
            """, id))!;

        var fromStream = await Should.ThrowAsync<UnknownEventTypeException>(() => store.ReadStreamAsync(id));
        var backward = await Should.ThrowAsync<UnknownEventTypeException>(() => store.ReadStreamBackwardAsync(id, 0, 1));
        var fromAll = await Should.ThrowAsync<UnknownEventTypeException>(async () =>
        {
            await foreach (var _ in store.ReadAllAsync(mystery - 1))
            {
            }
        });

        foreach (var error in new[] { fromStream, backward, fromAll })
        {
            error.Message.ShouldContain("'test.thing-from-the-future'");
            error.Message.ShouldContain($"Event {mystery}");
        }

        // The known event before it still reads.
        (await store.ReadStreamBackwardAsync(id, 1, 1)).Single().Data.ShouldBe(new ThingOpened("known", 1));
    }

    [Fact]
    public void registering_a_name_twice_throws()
    {
        var registry = new EventTypeRegistry().Register<ThingOpened>("test.same-name");

        var error = Should.Throw<InvalidOperationException>(() => registry.Register<ThingClosed>("test.same-name"));

        error.Message.ShouldContain("'test.same-name'");
        registry.TypeOf("test.same-name").ShouldBe(typeof(ThingOpened));
        Should.Throw<UnknownEventTypeException>(() => registry.NameOf(typeof(ThingClosed)));
    }

    [Fact]
    public void registering_a_type_under_a_second_name_throws()
    {
        var registry = new EventTypeRegistry().Register<ThingOpened>("test.first-name");

        var error = Should.Throw<InvalidOperationException>(() => registry.Register<ThingOpened>("test.second-name"));

        error.Message.ShouldContain("'test.first-name'");
        registry.NameOf(typeof(ThingOpened)).ShouldBe("test.first-name");
        registry.Names.ShouldBe(["test.first-name"]);
    }
}
