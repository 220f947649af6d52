using System.Net;
using System.Net.Http.Json;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;
using Mosovo.Tests.Orders;
using Mosovo.Tests.Sharing;

namespace Mosovo.Tests.Http;

/// <summary>
/// Text that reaches the database other than in a body: the Idempotency-Key (stored with the response), the
/// Access-Purpose (in the access log) and the path (in the access log, even for a refused request). A control
/// character or a NUL in any of them is a 4xx naming it, never a 500, and the next request is served.
/// </summary>
public sealed class when_headers_and_paths_hold_hostile_text(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly OffenderCalls _calls = new(api);

    public static TheoryData<string> Values() => new("key\0with-nul", "key\u001bwith-escape", "key\nwith-line-break");

    [Theory]
    [MemberData(nameof(Values))]
    public async Task an_idempotency_key_is_a_400_naming_the_header_and_nothing_is_written(string key)
    {
        var (id, etag) = await _calls.RegisterAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{id}/visits")
        {
            Content = JsonContent.Create(OffenderRequests.TwoOfficerVisit(_calls.Now.AddHours(-1))),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await _calls.Manager.SendAsync(request);

        (await OffenderCalls.ErrorFieldsAsync(response)).ShouldBe(["Idempotency-Key"]);
        (await _calls.EventCountAsync(id)).ShouldBe(1);
        var valid = OffenderRequests.TwoOfficerVisit(_calls.Now.AddHours(-1));
        (await _calls.PostAsync(id, etag, "visits", valid, idempotencyKey: Guid.NewGuid().ToString()))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public async Task an_access_purpose_is_a_400_naming_the_header(string purpose)
    {
        var (id, etag) = await _calls.RegisterAsync();
        await SharingRequests.GrantAsync(api, id, etag, _calls.Now.AddDays(30));
        var partner = SharingRequests.Partner(api);
        var read = new HttpRequestMessage(HttpMethod.Get, $"/partner/offenders/{id}");
        read.Headers.TryAddWithoutValidation("Access-Purpose", purpose);
        var officerRead = new HttpRequestMessage(HttpMethod.Get, $"/offenders/{id}");
        officerRead.Headers.TryAddWithoutValidation("Access-Purpose", purpose);

        (await OffenderCalls.ErrorFieldsAsync(await partner.SendAsync(read))).ShouldBe(["Access-Purpose"]);
        (await OffenderCalls.ErrorFieldsAsync(await _calls.Manager.SendAsync(officerRead)))
            .ShouldBe(["Access-Purpose"]);
        (await SharingRequests.ReadAsync(partner, id)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_refused_request_with_a_nul_in_its_purpose_is_logged_and_answered_403()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/audit/log");
        request.Headers.TryAddWithoutValidation("Access-Purpose", "curious\0");

        var response = await _calls.Manager.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.access_log WHERE purpose = 'curious\uFFFD'"))
            .ShouldBe(1);
    }

    [Theory]
    [InlineData("/offenders/%1B")]
    [InlineData("/offenders/%1B/timeline")]
    [InlineData("/partner/offenders/%1B")]
    public async Task a_control_character_in_the_path_is_a_400_naming_the_id(string path)
    {
        var partner = path.StartsWith("/partner", StringComparison.Ordinal);
        var client = partner ? SharingRequests.Partner(api) : _calls.Manager;
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Access-Purpose", SharingRequests.Purpose);

        var response = await client.SendAsync(request);

        (await OffenderCalls.ErrorFieldsAsync(response)).ShouldBe(["offenderId"]);
        (await _calls.Manager.GetAsync("/offenders?name=Fictional")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_date_with_a_quote_in_a_search_is_a_400_naming_it()
    {
        var response = await _calls.Manager.GetAsync("/offenders?dateOfBirth=%221980");

        (await OffenderCalls.ErrorFieldsAsync(response)).ShouldBe(["dateOfBirth"]);
    }
}
