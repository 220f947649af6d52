using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Disclosures;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;
using Mosovo.Tests.Registration;

namespace Mosovo.Tests.Http;

/// <summary>
/// Eight officers at once (one user, so that their Idempotency-Keys can collide), each recording home visits on an
/// offender of their own between requests that must fail: text PostgreSQL would refuse, stale versions, a key another
/// officer's request is committing, writes racing on one shared offender. A failing request must leave nothing behind
/// that breaks the next one: every valid visit is recorded, and no answer at all is a server error.
/// </summary>
public sealed class when_failing_and_valid_writes_interleave(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const int Officers = 8;
    private const int Rounds = 15;

    /// <summary>What each officer sends between valid visits, in turn.</summary>
    private enum Failing
    {
        NulInObservations,
        MillionCharacterConcerns,
        LoneSurrogateInOfficerName,
        StaleVersion,
        SharedIdempotencyKey,
        NulInIdempotencyKey,
        NotificationDatedAtTheEndOfTime,
        NulInAccessPurpose,
        VisitRacingOnTheSharedOffender,
        DisclosureRacingOnTheSharedOffender,
    }

    private static readonly int Failings = Enum.GetValues<Failing>().Length;

    /// <param name="Written">Created, and not the replay of an earlier answer to the same Idempotency-Key.</param>
    private sealed record Answer(
        int Officer, string What, bool MustBeRecorded, HttpStatusCode Status, bool Written, string Body)
    {
        public override string ToString() => $"officer {Officer}, {What}: {(int)Status} {Body}";
    }

    /// <summary>The offender every officer races on, and the key they all try.</summary>
    private sealed record Shared(Guid OffenderId, string Key);

    [Fact]
    public async Task every_valid_visit_is_recorded_and_nothing_answers_a_server_error()
    {
        var client = api.ClientFor(Roles.OffenderManager, "DC Test Manager");
        var shared = new Shared((await RegistrationRequests.RegisterAsync(api)).Id, Guid.NewGuid().ToString());
        var own = new (Guid Id, string ETag)[Officers];
        for (var i = 0; i < Officers; i++)
            own[i] = await RegistrationRequests.RegisterAsync(api);
        var answers = new ConcurrentQueue<Answer>();

        await Task.WhenAll(Enumerable.Range(0, Officers).Select(officer => Task.Run(async () =>
        {
            var (id, etag) = own[officer];
            for (var round = 0; round < Rounds; round++)
            {
                var visit = await client.SendAsync(Visit(id, etag, singleOfficer: round % 3 == 0));
                var valid = await AnswerAsync(officer, "valid visit", true, visit);
                answers.Enqueue(valid);
                if (valid.Written)
                    etag = ETagOf(valid.Body);

                // First all at once with the shared key (all but one lose, some on PostgreSQL's unique index), then
                // each failing request in turn.
                var failing = round == 0 ? Failing.SharedIdempotencyKey : (Failing)((officer + round) % Failings);
                var request = await FailingAsync(failing, client, id, etag, shared);
                var answer = await AnswerAsync(officer, failing.ToString(), false, await client.SendAsync(request));
                answers.Enqueue(answer);
                // On the officer's own offender only the first use of the shared key writes.
                if (answer.Written && failing == Failing.SharedIdempotencyKey)
                    etag = ETagOf(answer.Body);
            }

            own[officer] = (id, etag);
        })));

        var all = answers.ToList();
        all.Where(a => (int)a.Status >= 500).Select(a => a.ToString()).ShouldBeEmpty();
        all.Where(a => a.MustBeRecorded && !a.Written).Select(a => a.ToString()).ShouldBeEmpty();
        all.Count.ShouldBe(Officers * Rounds * 2);
        for (var officer = 0; officer < Officers; officer++)
        {
            var written = all.Count(a => a.Officer == officer && a.Written
                && a.What is "valid visit" or nameof(Failing.SharedIdempotencyKey));
            (await new Orders.OffenderCalls(api).EventCountAsync(own[officer].Id)).ShouldBe(1 + written);
        }

        (await api.CreateClient().GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.SendAsync(Visit(own[0].Id, own[0].ETag, false))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>
    /// The connection pool's prepared statements: an append that failed inside PostgreSQL on the use that prepared its
    /// statement (its second on the connection) left the connection answering the next append with "unexpected backend
    /// message DataRow", a 500 for a valid visit. One officer, one after the other, so that they share a connection.
    /// </summary>
    [Fact]
    public async Task a_refused_visit_between_two_valid_ones_breaks_neither()
    {
        var client = api.ClientFor(Roles.OffenderManager, "DC Test Manager");
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);
        var statuses = new List<int>();

        for (var i = 0; i < 3; i++)
        {
            var visit = OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddHours(-1));
            foreach (var json in new[] { visit.ToJsonString(), HostileText.With(visit, "observations", Hostile.Nul) })
            {
                var response = await client.SendAsync(Post($"/offenders/{id}/visits", etag, json));
                statuses.Add((int)response.StatusCode);
                etag = response.Headers.ETag?.Tag ?? etag;
            }
        }

        statuses.ShouldBe([201, 400, 201, 400, 201, 400]);
    }

    private async Task<HttpRequestMessage> FailingAsync(
        Failing failing, HttpClient client, Guid id, string etag, Shared shared)
    {
        var visit = OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddHours(-1));
        var visits = $"/offenders/{id}/visits";
        switch (failing)
        {
            case Failing.NulInObservations:
                return Post(visits, etag, HostileText.With(visit, "observations", Hostile.Nul));
            case Failing.MillionCharacterConcerns:
                return Post(visits, etag, HostileText.With(visit, "concerns", Hostile.Huge));
            case Failing.LoneSurrogateInOfficerName:
                return Post(visits, etag, HostileText.With(visit, "officers[1].name", Hostile.LoneSurrogate));
            case Failing.StaleVersion:
                return Post(visits, "\"1\"", visit.ToJsonString());
            case Failing.SharedIdempotencyKey:
                return Post(visits, etag, visit.ToJsonString(), shared.Key);
            case Failing.NulInIdempotencyKey:
                return Post(visits, etag, visit.ToJsonString(), "key\0");
            case Failing.NotificationDatedAtTheEndOfTime:
                var notification = RegistrationRequests.HomeAddressChange(notifiedOn: "9999-12-31");
                return Post($"/offenders/{id}/notifications", etag, notification.ToJsonString());
            case Failing.NulInAccessPurpose:
                var read = new HttpRequestMessage(HttpMethod.Get, $"/offenders/{id}");
                read.Headers.TryAddWithoutValidation("Access-Purpose", "checking\0");
                return read;
            case Failing.VisitRacingOnTheSharedOffender:
                var current = await ETagAsync(client, shared.OffenderId);
                return Post($"/offenders/{shared.OffenderId}/visits", current, visit.ToJsonString());
            default:
                var disclosure = DisclosureRequests.ChildContact(api.Time.GetUtcNow().AddHours(-2));
                var now = await ETagAsync(client, shared.OffenderId);
                return Post($"/offenders/{shared.OffenderId}/disclosures", now, disclosure.ToJsonString());
        }
    }

    private HttpRequestMessage Visit(Guid id, string etag, bool singleOfficer)
    {
        var at = api.Time.GetUtcNow().AddHours(-1);
        var body = singleOfficer ? OffenderRequests.SingleOfficerVisit(at) : OffenderRequests.TwoOfficerVisit(at);
        return Post($"/offenders/{id}/visits", etag, body.ToJsonString());
    }

    private static HttpRequestMessage Post(string path, string etag, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        if (idempotencyKey is not null)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return request;
    }

    private static async Task<string> ETagAsync(HttpClient client, Guid id) =>
        (await client.GetAsync($"/offenders/{id}")).Headers.ETag!.Tag;

    /// <summary>The ETag of a 201's version, from its body (kept whole for a write).</summary>
    private static string ETagOf(string created) =>
        $"\"{System.Text.Json.Nodes.JsonNode.Parse(created)!["version"]!.GetValue<long>()}\"";

    private static async Task<Answer> AnswerAsync(
        int officer, string what, bool mustBeRecorded, HttpResponseMessage answer)
    {
        var body = await answer.Content.ReadAsStringAsync();
        var written = answer.StatusCode == HttpStatusCode.Created && !answer.Headers.Contains("Idempotent-Replayed");
        var shown = written ? body : body[..Math.Min(300, body.Length)];
        return new Answer(officer, what, mustBeRecorded, answer.StatusCode, written, shown);
    }
}
