using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Offenders;

public sealed class when_registering_an_offender(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    [Fact]
    public async Task the_answer_is_201_with_location_etag_and_a_reference()
    {
        var response = await Manager.PostAsJsonAsync("/offenders", OffenderRequests.Registration());

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var id = Guid.Parse(body!["offenderId"]!.GetValue<string>());
        response.Headers.Location!.ToString().ShouldBe($"/offenders/{id}");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        body["reference"]!.GetValue<string>().ShouldMatch("^MOS-[0-9]{6}$");
        body["version"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task the_registration_is_one_event_on_a_new_stream_with_who_and_when()
    {
        var (id, _) = await OffenderRequests.RegisterAsync(Manager);

        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'")).ShouldBe(1);
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}' AND type = 'offender-registered' AND user_name = 'DC Test Manager'")).ShouldBe(1);
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.offender_summaries WHERE offender_id = '{id}' AND family_name = 'Fictional'")).ShouldBe(1);
    }

    public static TheoryData<string, Action<JsonObject>> BadFields => new()
    {
        { "name.familyName", b => b["name"]!.AsObject().Remove("familyName") },
        { "name", b => b.Remove("name") },
        { "dateOfBirth", b => b["dateOfBirth"] = "2030-01-01" },
        { "dateOfBirth", b => b["dateOfBirth"] = "not a date" },
        { "address.postcode", b => b["address"]!["postcode"] = "NOT A POSTCODE" },
        { "address.town", b => b["address"]!["town"] = "" },
        { "offence", b => b["offence"] = new string('x', 501) },
        { "convictionDate", b => b["convictionDate"] = "1985-01-01" },
        { "sentence.kind", b => b["sentence"]!["kind"] = "Flogging" },
        { "sentence.custodialMonths", b => b["sentence"]!.AsObject().Remove("custodialMonths") },
        { "pncId", b => b["pncId"] = "12345" },
        { "mappaCategory", b => b["mappaCategory"] = 4 },
        { "manager.id", b => b["manager"]!["id"] = " " },
        { "aliases[1]", b => b["aliases"] = new JsonArray("Fine", "") },
        { "registeredOn", b => b["registeredOn"] = "2019-01-01" },
        { "unexpected", b => b["unexpected"] = "field" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_in_a_problem_and_nothing_is_written(string field, Action<JsonObject> spoil)
    {
        var before = await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_events");
        var body = OffenderRequests.Registration();
        spoil(body);

        var response = await Manager.PostAsJsonAsync("/offenders", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        problem!["errors"]!.AsObject().ShouldContainKey(field);
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_events")).ShouldBe(before);
    }

    [Fact]
    public async Task every_bad_field_is_named_at_once()
    {
        var body = OffenderRequests.Registration();
        body["dateOfBirth"] = "2030-01-01";
        body["mappaCategory"] = 0;
        body["address"]!["postcode"] = "nope";

        var response = await Manager.PostAsJsonAsync("/offenders", body);

        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["dateOfBirth", "address.postcode", "mappaCategory"], ignoreOrder: true);
    }

    [Fact]
    public async Task a_retry_with_the_same_idempotency_key_returns_the_first_answer_and_appends_nothing()
    {
        var key = Guid.NewGuid().ToString();
        var first = await PostWithKey(key, OffenderRequests.Registration());
        var events = await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_events");

        var retry = await PostWithKey(key, OffenderRequests.Registration());

        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        retry.Headers.ETag.ShouldBe(first.Headers.ETag);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_events")).ShouldBe(events);
    }

    [Fact]
    public async Task simultaneous_retries_with_one_key_register_one_offender()
    {
        var key = Guid.NewGuid().ToString();
        var before = await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_streams");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostWithKey(key, OffenderRequests.Registration())));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        responses.Select(r => r.Headers.Location!.ToString()).Distinct(StringComparer.Ordinal).Count().ShouldBe(1);
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_streams")).ShouldBe(before + 1);
    }

    [Fact]
    public async Task the_same_idempotency_key_with_another_body_is_refused_with_422()
    {
        var key = Guid.NewGuid().ToString();
        await PostWithKey(key, OffenderRequests.Registration());
        var other = OffenderRequests.Registration();
        other["name"]!["familyName"] = "Someone Else";
        var events = await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_events");

        var response = await PostWithKey(key, other);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("Idempotency-Key");
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_events")).ShouldBe(events);
    }

    [Fact]
    public async Task idempotency_keys_belong_to_the_user_who_sent_them()
    {
        var key = Guid.NewGuid().ToString();
        await PostWithKey(key, OffenderRequests.Registration());
        var colleague = api.ClientFor(Roles.OffenderManager, "DC Colleague");
        var request = new HttpRequestMessage(HttpMethod.Post, "/offenders") { Content = JsonContent.Create(OffenderRequests.Registration()) };
        request.Headers.Add("Idempotency-Key", key);

        var response = await colleague.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
    }

    private async Task<HttpResponseMessage> PostWithKey(string key, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/offenders") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await Manager.SendAsync(request);
    }
}
