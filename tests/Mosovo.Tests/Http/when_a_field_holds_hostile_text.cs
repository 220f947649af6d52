using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Mosovo.Tests.Breaches;
using Mosovo.Tests.Disclosures;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Intelligence;
using Mosovo.Tests.Offenders;
using Mosovo.Tests.Orders;

namespace Mosovo.Tests.Http;

/// <summary>
/// Every string field of a representative set of requests, nested ones too, given a NUL, a control character, a lone
/// surrogate and a million characters: each answer is a 400 problem naming that field and nothing else, nothing is
/// written (the version, the summary and the timeline are unchanged), and a valid request afterwards still succeeds.
/// </summary>
public sealed class when_a_field_holds_hostile_text(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly OffenderCalls _calls = new(api);

    /// <summary>A command on an existing offender: its path, a valid body, and optional fields it leaves out.</summary>
    private sealed record Command(string Path, Func<OffenderCalls, JsonObject> Body, params string[] Optional);

    private static readonly Dictionary<string, Command> Commands = new(StringComparer.Ordinal)
    {
        ["visits"] = new("visits",
            c => OffenderRequests.TwoOfficerVisit(c.Now.AddHours(-1)), "concerns", "singleOfficerReason"),
        ["disclosures"] = new("disclosures",
            c => DisclosureRequests.ChildContact(c.Now.AddHours(-1)), "source.agencyName"),
        ["risk-disclosures"] = new("risk-disclosures",
            c => DisclosureRequests.RiskDisclosure(c.Now.AddHours(-1), null)),
        ["intelligence"] = new("intelligence",
            _ => IntelligenceRequests.Item(), "grading.handlingConditions"),
        ["breaches"] = new("breaches",
            c => BreachRequests.NotificationBreach(c.Today.AddDays(-1)), "reportedBy.agency"),
    };

    public static TheoryData<string, Hostile> CommandsAndValues()
    {
        var data = new TheoryData<string, Hostile>();
        foreach (var command in Commands.Keys)
        {
            foreach (var kind in HostileText.All)
                data.Add(command, kind);
        }

        return data;
    }

    public static TheoryData<Hostile> Values() => new(HostileText.All);

    [Theory]
    [MemberData(nameof(CommandsAndValues))]
    public async Task a_command_names_the_field_and_writes_nothing(string path, Hostile kind)
    {
        var command = Commands[path];
        var (id, etag) = await _calls.RegisterAsync();
        var body = command.Body(_calls);
        var before = await RecordAsync(id);
        var wrong = new List<string>();

        foreach (var field in HostileText.StringFields(body).Concat(command.Optional))
        {
            var json = HostileText.With(body, field, kind);
            var response = await PostAsync($"/offenders/{id}/{command.Path}", json, etag);
            if (await WrongAnswerAsync(response, field) is { } why)
                wrong.Add(why);
        }

        wrong.ShouldBeEmpty();
        (await RecordAsync(id)).ShouldBe(before);
        (await PostAsync($"/offenders/{id}/{command.Path}", body.ToJsonString(), etag))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public async Task a_registration_names_the_field_and_registers_no_one(Hostile kind)
    {
        var body = OffenderRequests.Registration();
        var streams = await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_streams");
        var wrong = new List<string>();

        foreach (var field in HostileText.StringFields(body).Concat(["address.line2", "sentence.description"]))
        {
            var response = await PostAsync("/offenders", HostileText.With(body, field, kind), etag: null);
            if (await WrongAnswerAsync(response, field) is { } why)
                wrong.Add(why);
        }

        wrong.ShouldBeEmpty();
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_streams")).ShouldBe(streams);
        (await PostAsync("/offenders", body.ToJsonString(), etag: null)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>A URL carries UTF-8, which cannot encode a lone surrogate: see the fact after the theory.</summary>
    public static TheoryData<Hostile> QueryValues() => new(HostileText.All.Where(k => k != Hostile.LoneSurrogate));

    [Theory]
    [MemberData(nameof(QueryValues))]
    public async Task a_search_names_the_query_parameter(Hostile kind)
    {
        var valid = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = "Fictional",
            ["dateOfBirth"] = "1980-04-01",
            ["reference"] = "MOS-000001",
        };
        var wrong = new List<string>();

        foreach (var field in valid.Keys)
        {
            var query = string.Join('&',
                valid.Select(p => $"{p.Key}={(p.Key == field ? HostileText.Query(kind) : p.Value)}"));
            var response = await _calls.Manager.GetAsync($"/offenders?{query}");
            if (await WrongAnswerAsync(response, field) is { } why)
                wrong.Add(why);
        }

        wrong.ShouldBeEmpty();
        (await _calls.Manager.GetAsync("/offenders?name=Fictional")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_bytes_of_a_lone_surrogate_in_a_search_are_no_server_error()
    {
        foreach (var field in new[] { "name", "reference", "dateOfBirth" })
        {
            var query = $"{field}={HostileText.Query(Hostile.LoneSurrogate)}";
            var response = await _calls.Manager.GetAsync($"/offenders?{query}");

            ((int)response.StatusCode).ShouldBeLessThan(500, field);
        }
    }

    [Fact]
    public async Task a_line_break_is_free_text_in_observations_but_not_in_an_officers_name()
    {
        var (id, etag) = await _calls.RegisterAsync();
        var broken = OffenderRequests.TwoOfficerVisit(_calls.Now.AddHours(-1));
        broken["officers"]![1]!["name"] = "PC Second\nOfficer";
        var notes = OffenderRequests.TwoOfficerVisit(_calls.Now.AddHours(-1));
        notes["observations"] = "Address as notified.\r\n\tTwo phones seen.";

        (await OffenderCalls.ErrorFieldsAsync(await _calls.PostAsync(id, etag, "visits", broken)))
            .ShouldBe(["officers[1].name"]);
        (await _calls.PostAsync(id, etag, "visits", notes)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>Null for a 400 problem naming <paramref name="field"/> alone, else what is wrong.</summary>
    private static async Task<string?> WrongAnswerAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        var excerpt = text.Length > 300 ? text[..300] + "..." : text;
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        if (response.StatusCode != HttpStatusCode.BadRequest || !problem)
            return $"{field}: {(int)response.StatusCode} {excerpt}";
        var errors = JsonNode.Parse(text)!["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];
        return errors.SequenceEqual([field]) ? null : $"{field}: named [{string.Join(", ", errors)}] {excerpt}";
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string json, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (etag is not null)
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await _calls.Manager.SendAsync(request);
    }

    /// <summary>The offender's version, summary and first page of timeline, as one string to compare.</summary>
    private async Task<string> RecordAsync(Guid id)
    {
        var summary = await _calls.Manager.GetAsync($"/offenders/{id}");
        var timeline = await _calls.Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline?pageSize=100");
        var events = await _calls.EventCountAsync(id);
        return $"{summary.Headers.ETag} {events}\n{await summary.Content.ReadAsStringAsync()}\n{timeline}";
    }
}
