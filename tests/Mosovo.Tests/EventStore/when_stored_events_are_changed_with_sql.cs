using Mosovo.Tests.Infrastructure;
using Npgsql;

namespace Mosovo.Tests.EventStore;

public sealed class when_stored_events_are_changed_with_sql(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task an_update_is_refused_and_the_event_is_unchanged()
    {
        var (id, seq) = await AppendOneAsync();

        var error = await Should.ThrowAsync<PostgresException>(() =>
            db.DataSource.ExecuteAsync("UPDATE mosovo.events SET data = '{\"name\": \"forged\", \"number\": 0}' WHERE seq = $1", seq));

        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        error.MessageText.ShouldContain("append-only");
        error.MessageText.ShouldContain("UPDATE");
        (await db.DataSource.ScalarAsync("SELECT data->>'name' FROM mosovo.events WHERE seq = $1", seq)).ShouldBe("original");
        (await TestEvents.Store(db).ReadStreamAsync(id)).Single().Data.ShouldBe(new ThingOpened("original", 1));
    }

    [Fact]
    public async Task a_delete_is_refused_and_the_event_remains()
    {
        var (id, seq) = await AppendOneAsync();

        var error = await Should.ThrowAsync<PostgresException>(() =>
            db.DataSource.ExecuteAsync("DELETE FROM mosovo.events WHERE stream_id = $1", id));

        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        error.MessageText.ShouldContain("DELETE");
        (await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.events WHERE seq = $1", seq)).ShouldBe(1);
    }

    [Fact]
    public async Task a_truncate_is_refused_and_the_events_remain()
    {
        await AppendOneAsync();
        var before = await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.events");

        var error = await Should.ThrowAsync<PostgresException>(() => db.DataSource.ExecuteAsync("TRUNCATE mosovo.events"));

        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        error.MessageText.ShouldContain("TRUNCATE");
        before.ShouldBeGreaterThan(0);
        (await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.events")).ShouldBe(before);
    }

    private async Task<(Guid Id, long Seq)> AppendOneAsync()
    {
        var id = Guid.NewGuid();
        var result = await TestEvents.Store(db).AppendAsync(id, TestEvents.StreamType, 0, [new ThingOpened("original", 1)], TestEvents.Metadata());
        return (id, result.Events[0].Sequence);
    }
}
