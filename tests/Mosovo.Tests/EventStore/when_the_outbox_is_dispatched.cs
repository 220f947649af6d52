using Mosovo.EventStore;
using Mosovo.EventStore.Outbox;
using Mosovo.Tests.Infrastructure;
using Npgsql;

namespace Mosovo.Tests.EventStore;

// Every class here has a database of its own: a dispatcher takes any pending message, so two scenarios
// sharing one outbox would take each other's messages.

public sealed class when_an_append_carries_outbox_messages(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task they_are_written_pending_with_the_stream_and_correlation_of_the_append()
    {
        var id = Guid.NewGuid();
        var metadata = TestEvents.Metadata(new DateTimeOffset(2026, 6, 15, 11, 0, 0, TimeSpan.FromHours(1)));

        await TestEvents.Store(db).AppendAsync(id, TestEvents.StreamType, 0, [new ThingOpened("o", 1)], metadata,
            new AppendOptions { Outbox = [new OutboxMessage(OutboxTestKit.SendType, new ThingToSend(7)), new OutboxMessage("test.other", new ThingToSend(8))] });

        var rows = await OutboxTestKit.RowsAsync(db.DataSource);
        rows.Count.ShouldBe(2);
        rows.Select(r => r.Type).ShouldBe([OutboxTestKit.SendType, "test.other"]);
        rows[0].Payload.ShouldBe("""{"number": 7}""");
        rows[1].Payload.ShouldBe("""{"number": 8}""");
        rows.ShouldAllBe(r => r.StreamId == id && r.CorrelationId == metadata.CorrelationId);
        rows.ShouldAllBe(r => r.CreatedAt == metadata.RecordedAt && r.AvailableAt == metadata.RecordedAt);
        rows.ShouldAllBe(r => r.Attempts == 0 && r.LastError == null && r.ProcessedAt == null && r.DeadAt == null);
    }
}

public sealed class when_three_dispatchers_share_a_thousand_messages(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task every_message_is_handled_exactly_once_and_marked_processed()
    {
        var time = new FakeTime();
        var store = TestEvents.Store(db);
        // 10 streams x 5 appends x 20 messages.
        var number = 0;
        var streams = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToArray();
        for (var append = 0; append < 5; append++)
        {
            foreach (var stream in streams)
            {
                var messages = Enumerable.Range(0, 20).Select(_ => new OutboxMessage(OutboxTestKit.SendType, new ThingToSend(number++))).ToArray();
                await store.AppendAsync(stream, TestEvents.StreamType, append, [new ThingNoted($"append {append}")], TestEvents.Metadata(time.GetUtcNow()),
                    new AppendOptions { Outbox = messages });
            }
        }

        (await db.DataSource.CountAsync("SELECT count(*) FROM mosovo.outbox WHERE processed_at IS NULL")).ShouldBe(1000);

        var handler = new RecordingHandler();
        var options = new OutboxOptions { BatchSize = 20 };
        var sources = Enumerable.Range(0, 3).Select(_ => NpgsqlDataSource.Create(db.ConnectionString)).ToArray();
        try
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var dispatchers = sources.Select(source => Task.Run(async () =>
            {
                var dispatcher = OutboxTestKit.Dispatcher(source, time, options, handler);
                await gate.Task;
                var taken = 0;
                while (true)
                {
                    var batch = await dispatcher.DispatchBatchAsync();
                    taken += batch;
                    if (batch > 0)
                        continue;
                    // Nothing due for this one: done once no message is pending (others may still hold some).
                    if (await source.CountAsync("SELECT count(*) FROM mosovo.outbox WHERE processed_at IS NULL AND dead_at IS NULL") == 0)
                        return taken;
                    await Task.Delay(10);
                }
            })).ToArray();

            gate.SetResult();
            var takenEach = await Task.WhenAll(dispatchers).WaitAsync(TimeSpan.FromMinutes(2));
            takenEach.Sum().ShouldBe(1000);
        }
        finally
        {
            foreach (var source in sources)
                await source.DisposeAsync();
        }

        handler.Seen.Count.ShouldBe(1000);
        handler.Handled.Count.ShouldBe(1000);
        handler.Handled.Select(m => m.Id).Distinct().Count().ShouldBe(1000);
        handler.Handled.Select(m => m.Payload.GetProperty("number").GetInt32()).Order().ShouldBe(Enumerable.Range(0, 1000));
        handler.Handled.ShouldAllBe(m => m.Attempt == 1 && m.Type == OutboxTestKit.SendType);

        var rows = await OutboxTestKit.RowsAsync(db.DataSource);
        rows.Count.ShouldBe(1000);
        rows.ShouldAllBe(r => r.ProcessedAt == time.GetUtcNow() && r.Attempts == 1 && r.LastError == null && r.DeadAt == null);
        rows.Select(r => r.Id).Order().ShouldBe(handler.Handled.Select(m => m.Id).Order());
        var byId = handler.Handled.ToDictionary(m => m.Id);
        foreach (var row in rows)
        {
            byId[row.Id].StreamId.ShouldBe(row.StreamId);
            byId[row.Id].CorrelationId.ShouldBe(row.CorrelationId);
        }

        rows.Select(r => r.StreamId).Distinct().Count().ShouldBe(10);
    }
}

public sealed class when_an_outbox_handler_fails_twice_then_succeeds(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task the_message_waits_out_each_back_off_and_is_processed_on_the_third_attempt()
    {
        var time = new FakeTime();
        var handler = new RecordingHandler { FailuresBeforeSuccess = 2 };
        var dispatcher = OutboxTestKit.Dispatcher(db.DataSource, time, new OutboxOptions
        {
            RetryBaseDelay = TimeSpan.FromSeconds(10),
            RetryMaxDelay = TimeSpan.FromMinutes(10),
            MaxAttempts = 5,
        }, handler);
        await OutboxTestKit.AppendWithOutboxAsync(db, time, new OutboxMessage(OutboxTestKit.SendType, new ThingToSend(1)));
        var id = (await OutboxTestKit.RowsAsync(db.DataSource)).Single().Id;

        // Attempt 1 fails: retry after the base delay.
        var firstTry = time.GetUtcNow();
        (await dispatcher.DispatchBatchAsync()).ShouldBe(1);
        var row = await OutboxTestKit.RowAsync(db.DataSource, id);
        row.Attempts.ShouldBe(1);
        row.LastError.ShouldBe("downstream unavailable (call 1)");
        row.AvailableAt.ShouldBe(firstTry + TimeSpan.FromSeconds(10));
        row.ProcessedAt.ShouldBeNull();
        row.DeadAt.ShouldBeNull();

        (await dispatcher.DispatchBatchAsync()).ShouldBe(0);
        time.Advance(TimeSpan.FromSeconds(9.999));
        (await dispatcher.DispatchBatchAsync()).ShouldBe(0);
        handler.CallsFor(id).ShouldBe(1);

        // Attempt 2, once due, fails: the delay doubles.
        time.Set(firstTry + TimeSpan.FromSeconds(10));
        var secondTry = time.GetUtcNow();
        (await dispatcher.DispatchBatchAsync()).ShouldBe(1);
        row = await OutboxTestKit.RowAsync(db.DataSource, id);
        row.Attempts.ShouldBe(2);
        row.LastError.ShouldBe("downstream unavailable (call 2)");
        row.AvailableAt.ShouldBe(secondTry + TimeSpan.FromSeconds(20));
        row.ProcessedAt.ShouldBeNull();

        time.Advance(TimeSpan.FromSeconds(19));
        (await dispatcher.DispatchBatchAsync()).ShouldBe(0);
        handler.CallsFor(id).ShouldBe(2);

        // Attempt 3 succeeds.
        time.Advance(TimeSpan.FromSeconds(1.5));
        (await dispatcher.DispatchBatchAsync()).ShouldBe(1);
        row = await OutboxTestKit.RowAsync(db.DataSource, id);
        row.Attempts.ShouldBe(3);
        row.LastError.ShouldBeNull();
        row.ProcessedAt.ShouldBe(time.GetUtcNow());
        row.DeadAt.ShouldBeNull();

        time.Advance(TimeSpan.FromHours(1));
        (await dispatcher.DispatchBatchAsync()).ShouldBe(0);
        handler.Seen.Select(m => m.Attempt).ShouldBe([1, 2, 3]);
        handler.Handled.ShouldHaveSingleItem().Id.ShouldBe(id);
    }
}

public sealed class when_an_outbox_message_keeps_failing(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task it_is_set_aside_as_dead_after_max_attempts_and_not_taken_again()
    {
        var time = new FakeTime();
        var handler = new RecordingHandler { FailuresBeforeSuccess = int.MaxValue };
        var healthy = new RecordingHandler("test.healthy");
        var dispatcher = OutboxTestKit.Dispatcher(db.DataSource, time, new OutboxOptions
        {
            RetryBaseDelay = TimeSpan.FromSeconds(10),
            RetryMaxDelay = TimeSpan.FromMinutes(1),
            MaxAttempts = 3,
        }, handler, healthy);
        await OutboxTestKit.AppendWithOutboxAsync(db, time, new OutboxMessage(OutboxTestKit.SendType, new ThingToSend(1)));
        var id = (await OutboxTestKit.RowsAsync(db.DataSource)).Single().Id;

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            (await dispatcher.DispatchBatchAsync()).ShouldBe(1);
            var pending = await OutboxTestKit.RowAsync(db.DataSource, id);
            pending.Attempts.ShouldBe(attempt);
            pending.DeadAt.ShouldBeNull();
            time.Advance(TimeSpan.FromHours(1));
        }

        var third = time.GetUtcNow();
        (await dispatcher.DispatchBatchAsync()).ShouldBe(1);
        var dead = await OutboxTestKit.RowAsync(db.DataSource, id);
        dead.Attempts.ShouldBe(3);
        dead.DeadAt.ShouldBe(third);
        dead.ProcessedAt.ShouldBeNull();
        dead.LastError.ShouldBe("downstream unavailable (call 3)");

        time.Advance(TimeSpan.FromDays(30));
        (await dispatcher.DispatchBatchAsync()).ShouldBe(0);
        handler.CallsFor(id).ShouldBe(3);

        // A dead message does not hold up the messages after it.
        await OutboxTestKit.AppendWithOutboxAsync(db, time, new OutboxMessage("test.healthy", new ThingToSend(2)));
        (await dispatcher.DispatchBatchAsync()).ShouldBe(1);
        healthy.Handled.ShouldHaveSingleItem();
        handler.CallsFor(id).ShouldBe(3);
        (await OutboxTestKit.RowAsync(db.DataSource, id)).ShouldBe(dead);
    }
}

public sealed class when_no_handler_is_registered_for_a_message_type(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task the_message_stays_pending_with_an_error_naming_the_missing_handler()
    {
        var time = new FakeTime();
        var options = new OutboxOptions { RetryBaseDelay = TimeSpan.FromSeconds(10), MaxAttempts = 5 };
        var handler = new RecordingHandler();
        await OutboxTestKit.AppendWithOutboxAsync(db, time,
            new OutboxMessage("test.nobody-handles", new ThingToSend(1)),
            new OutboxMessage(OutboxTestKit.SendType, new ThingToSend(2)));
        var rows = await OutboxTestKit.RowsAsync(db.DataSource);
        var orphan = rows.Single(r => r.Type == "test.nobody-handles").Id;

        (await OutboxTestKit.Dispatcher(db.DataSource, time, options, handler).DispatchBatchAsync()).ShouldBe(2);

        var row = await OutboxTestKit.RowAsync(db.DataSource, orphan);
        row.ProcessedAt.ShouldBeNull();
        row.DeadAt.ShouldBeNull();
        row.Attempts.ShouldBe(1);
        row.LastError.ShouldNotBeNull();
        row.LastError.ShouldContain("No outbox handler");
        row.LastError.ShouldContain("'test.nobody-handles'");
        row.AvailableAt.ShouldBe(time.GetUtcNow() + TimeSpan.FromSeconds(10));
        // The other message in the same batch was handled.
        handler.Handled.ShouldHaveSingleItem().Payload.GetProperty("number").GetInt32().ShouldBe(2);
        (await OutboxTestKit.RowsAsync(db.DataSource)).Single(r => r.Type == OutboxTestKit.SendType).ProcessedAt.ShouldNotBeNull();

        // A later release that handles the type picks it up.
        time.Advance(TimeSpan.FromSeconds(10));
        var late = new RecordingHandler("test.nobody-handles");
        (await OutboxTestKit.Dispatcher(db.DataSource, time, options, handler, late).DispatchBatchAsync()).ShouldBe(1);
        late.Handled.ShouldHaveSingleItem().Attempt.ShouldBe(2);
        row = await OutboxTestKit.RowAsync(db.DataSource, orphan);
        row.ProcessedAt.ShouldBe(time.GetUtcNow());
        row.LastError.ShouldBeNull();
        row.Attempts.ShouldBe(2);
    }
}

public sealed class when_an_outbox_message_fails_often_with_long_retry_delays(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(6, 320)]
    [InlineData(7, 600)]
    [InlineData(31, 600)]
    [InlineData(1000, 600)]
    public void the_back_off_doubles_from_the_base_and_stops_at_the_maximum(int failedAttempts, int expectedSeconds)
    {
        var options = new OutboxOptions { RetryBaseDelay = TimeSpan.FromSeconds(10), RetryMaxDelay = TimeSpan.FromMinutes(10) };

        options.RetryDelay(failedAttempts).ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void a_delay_beyond_what_a_timespan_holds_is_capped_rather_than_overflowing()
    {
        // base x 2^30 is longer than TimeSpan.MaxValue once the base is over about 14 minutes.
        var options = new OutboxOptions { RetryBaseDelay = TimeSpan.FromHours(1), RetryMaxDelay = TimeSpan.FromDays(1), MaxAttempts = 100 };

        options.RetryDelay(31).ShouldBe(TimeSpan.FromDays(1));
        options.RetryDelay(100).ShouldBe(TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task the_dispatcher_keeps_rescheduling_it_until_it_is_set_aside()
    {
        var time = new FakeTime();
        var handler = new RecordingHandler { FailuresBeforeSuccess = int.MaxValue };
        var dispatcher = OutboxTestKit.Dispatcher(db.DataSource, time, new OutboxOptions
        {
            RetryBaseDelay = TimeSpan.FromHours(1),
            RetryMaxDelay = TimeSpan.FromDays(1),
            MaxAttempts = 35,
        }, handler);
        await OutboxTestKit.AppendWithOutboxAsync(db, time, new OutboxMessage(OutboxTestKit.SendType, new ThingToSend(1)));
        var id = (await OutboxTestKit.RowsAsync(db.DataSource)).Single().Id;

        for (var attempt = 1; attempt <= 35; attempt++)
        {
            (await dispatcher.DispatchBatchAsync()).ShouldBe(1, $"attempt {attempt}");
            var row = await OutboxTestKit.RowAsync(db.DataSource, id);
            row.Attempts.ShouldBe(attempt);
            if (attempt < 35)
            {
                row.DeadAt.ShouldBeNull();
                row.AvailableAt.ShouldBe(time.GetUtcNow() + (attempt < 6 ? TimeSpan.FromHours(Math.Pow(2, attempt - 1)) : TimeSpan.FromDays(1)));
            }

            time.Advance(TimeSpan.FromDays(1));
        }

        (await OutboxTestKit.RowAsync(db.DataSource, id)).DeadAt.ShouldNotBeNull();
        handler.CallsFor(id).ShouldBe(35);
    }
}
