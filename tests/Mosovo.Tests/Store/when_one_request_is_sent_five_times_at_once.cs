using System.Net;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Store;

/// <summary>
/// A client that did not hear back resends its request, and may do so several times before the first has finished:
/// the same POST, the same If-Match, the same Idempotency-Key and the same body, all in flight together. The record
/// must take it once, and every copy must be answered with the first answer, byte for byte.
/// </summary>
public sealed class when_one_request_is_sent_five_times_at_once(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const int Copies = 5;

    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    [Fact]
    public async Task a_visit_is_recorded_once_and_every_copy_gets_the_first_answer()
    {
        var manager = Manager;
        var (id, etag) = await OffenderRequests.RegisterAsync(manager);
        var key = Guid.NewGuid().ToString();
        var visitedAt = api.Time.GetUtcNow().AddHours(-1);

        var answers = await AllTogetherAsync(
            () => StoreCalls.VisitAsync(manager, id, OffenderRequests.TwoOfficerVisit(visitedAt), etag, key));

        var first = ShouldBeOneAnswerGivenFiveTimes(answers);
        first.ETag.ShouldBe("\"2\"");
        (await Count($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'")).ShouldBe(2);
        (await Count($"SELECT version FROM mosovo.mt_streams WHERE id = '{id}'")).ShouldBe(2);
        (await Count($"SELECT version FROM mosovo.offender_summaries WHERE offender_id = '{id}'")).ShouldBe(2);
        (await Count($"SELECT count(*) FROM mosovo.idempotency_keys WHERE key = '{key}'")).ShouldBe(1);
        (await Count($"SELECT count(*) FROM mosovo.access_log WHERE offender_id = '{id}' AND kind = 'alteration'"))
            .ShouldBe(1);

        // A sixth copy, long after, is answered from the stored answer too.
        var later = await StoreCalls.VisitAsync(manager, id, OffenderRequests.TwoOfficerVisit(visitedAt), etag, key);
        ShouldBeTheSameAnswer(later, first);
        later.Replayed.ShouldBe("true");
        (await Count($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'")).ShouldBe(2);
    }

    [Fact]
    public async Task a_registration_makes_one_offender_and_every_copy_gets_the_first_answer()
    {
        var manager = Manager;
        var key = Guid.NewGuid().ToString();
        var streams = await Count("SELECT count(*) FROM mosovo.mt_streams");
        var summaries = await Count("SELECT count(*) FROM mosovo.offender_summaries");
        var collections = await Count("SELECT count(*) FROM mosovo.access_log WHERE kind = 'collection'");

        var answers = await AllTogetherAsync(
            () => StoreCalls.PostAsync(manager, "/offenders", OffenderRequests.Registration(), idempotencyKey: key));

        var first = ShouldBeOneAnswerGivenFiveTimes(answers);
        first.ETag.ShouldBe("\"1\"");
        var id = first.Json["offenderId"]!.GetValue<Guid>();
        first.Location.ShouldBe($"/offenders/{id}");
        (await Count("SELECT count(*) FROM mosovo.mt_streams")).ShouldBe(streams + 1);
        (await Count("SELECT count(*) FROM mosovo.offender_summaries")).ShouldBe(summaries + 1);
        (await Count($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'")).ShouldBe(1);
        (await Count($"SELECT count(*) FROM mosovo.idempotency_keys WHERE key = '{key}'")).ShouldBe(1);
        (await Count("SELECT count(*) FROM mosovo.access_log WHERE kind = 'collection'")).ShouldBe(collections + 1);
    }

    /// <summary>
    /// Sends the copies side by side with the summaries held, so that all of them are inside the API before any can
    /// finish: the first waits at its summary write, the others behind it on the Idempotency-Key. Then lets them go.
    /// </summary>
    private async Task<Answer[]> AllTogetherAsync(Func<Task<Answer>> send)
    {
        await using var held = await HeldSummaries.HoldAsync(api.Database);
        var sending = StoreCalls.AllAtOnceAsync(Copies, _ => send());
        await held.WaitForWaitersAsync(Copies);
        await held.ReleaseAsync();
        return await sending.WaitAsync(TimeSpan.FromMinutes(1));
    }

    /// <summary>One copy was written and answered; the others got its answer, marked as replayed.</summary>
    private static Answer ShouldBeOneAnswerGivenFiveTimes(Answer[] answers)
    {
        answers.ShouldAllBe(a => a.Status == HttpStatusCode.Created);
        var first = answers.Where(a => a.Replayed is null).ShouldHaveSingleItem();
        var replays = answers.Where(a => a.Replayed is not null).ToList();
        replays.Count.ShouldBe(Copies - 1);
        foreach (var replay in replays)
        {
            replay.Replayed.ShouldBe("true");
            ShouldBeTheSameAnswer(replay, first);
        }

        return first;
    }

    private static void ShouldBeTheSameAnswer(Answer replay, Answer first)
    {
        replay.Status.ShouldBe(first.Status);
        replay.Body.ShouldBe(first.Body);
        replay.Location.ShouldBe(first.Location);
        replay.ETag.ShouldBe(first.ETag);
        replay.ContentType.ShouldBe(first.ContentType);
    }

    private Task<long> Count(string sql) => api.Database.ScalarAsync(sql);
}
