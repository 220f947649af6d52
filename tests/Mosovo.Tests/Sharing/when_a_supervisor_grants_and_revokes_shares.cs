using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Sharing;

public sealed class when_a_supervisor_grants_and_revokes_shares(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    private DateTimeOffset Now => api.Time.GetUtcNow();

    [Fact]
    public async Task a_grant_is_on_the_timeline_and_in_the_officers_summary()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var (shareId, _) = await SharingRequests.GrantAsync(api, id, etag, Now.AddDays(30));

        var entry = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline"))!["entries"]![0]!;
        entry["type"]!.GetValue<string>().ShouldBe("mappa-share-granted");
        entry["summary"]!.GetValue<string>().ShouldStartWith("Partner summary shared with children's social care until 15 July 2026 10:00 UTC, serving MAPPA level 2");
        var share = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!["shares"]!["all"]![0]!;
        share["shareId"]!.GetValue<Guid>().ShouldBe(shareId);
        share["grantedBy"]!["name"]!.GetValue<string>().ShouldBe("DS Test Supervisor");
    }

    [Fact]
    public async Task an_offender_manager_may_not_grant_a_share()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var response = await SharingRequests.PostAsync(Manager, id, SharingRequests.SharesPath, etag, SharingRequests.Grant(Now.AddDays(30)));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    public static TheoryData<string, Action<JsonObject>> BadFields => new()
    {
        { "agency", b => b.Remove("agency") },
        { "purpose", b => b["purpose"] = "" },
        { "purpose", b => b["purpose"] = new string('x', 1001) },
        { "servesLevel", b => b.Remove("servesLevel") },
        { "servesLevel", b => b["servesLevel"] = 4 },
        { "until", b => b.Remove("until") },
        { "until", b => b["until"] = "2026-06-15T09:59:59Z" },
        { "until", b => b["until"] = "2027-06-16T10:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_a_problem_naming_it_and_nothing_is_written(string field, Action<JsonObject> spoil)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var body = SharingRequests.Grant(Now.AddDays(30));
        spoil(body);

        var response = await SharingRequests.PostAsync(SharingRequests.Supervisor(api), id, SharingRequests.SharesPath, etag, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey(field);
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'")).ShouldBe(1);
    }

    [Fact]
    public async Task a_second_active_share_with_the_same_agency_is_refused_and_a_meeting_must_be_on_the_record()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var (_, granted) = await SharingRequests.GrantAsync(api, id, etag, Now.AddDays(30));

        var again = await SharingRequests.PostAsync(SharingRequests.Supervisor(api), id, SharingRequests.SharesPath, granted, SharingRequests.Grant(Now.AddDays(60)));
        var body = SharingRequests.Grant(Now.AddDays(30), agency: "Housing", servesLevel: null);
        body["servesMeetingId"] = Guid.CreateVersion7();
        var noMeeting = await SharingRequests.PostAsync(SharingRequests.Supervisor(api), id, SharingRequests.SharesPath, granted, body);

        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("agency");
        noMeeting.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noMeeting.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("servesMeetingId");
    }

    [Fact]
    public async Task a_share_revoked_or_unknown_cannot_be_revoked_again()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var (shareId, granted) = await SharingRequests.GrantAsync(api, id, etag, Now.AddDays(30));
        var supervisor = SharingRequests.Supervisor(api);
        var revoked = await SharingRequests.PostAsync(supervisor, id, SharingRequests.RevocationsPath, granted, SharingRequests.Revocation(shareId));
        revoked.StatusCode.ShouldBe(HttpStatusCode.Created);

        var twice = await SharingRequests.PostAsync(supervisor, id, SharingRequests.RevocationsPath, revoked.Headers.ETag!.Tag, SharingRequests.Revocation(shareId));
        var unknown = await SharingRequests.PostAsync(supervisor, id, SharingRequests.RevocationsPath, revoked.Headers.ETag!.Tag, SharingRequests.Revocation(Guid.CreateVersion7()));

        twice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await twice.Content.ReadAsStringAsync()).ShouldContain("revoked already");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_share_cannot_be_withdrawn_by_a_correction_so_a_revocation_cannot_be_undone()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var (shareId, granted) = await SharingRequests.GrantAsync(api, id, etag, Now.AddDays(30));
        var revoked = await SharingRequests.PostAsync(SharingRequests.Supervisor(api), id, SharingRequests.RevocationsPath, granted, SharingRequests.Revocation(shareId));

        foreach (var version in new[] { 2, 3 })
        {
            var withdrawal = await SharingRequests.PostAsync(Manager, id, "corrections", revoked.Headers.ETag!.Tag,
                new JsonObject { ["correctsVersion"] = version, ["withdraw"] = true, ["reason"] = "Entered in error." });

            withdrawal.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await withdrawal.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("withdraw");
        }

        (await SharingRequests.ReadAsync(SharingRequests.Partner(api), id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_expiry_is_recorded_on_the_stream_once_and_logged_as_the_systems_write()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var until = Now.AddHours(1);
        await SharingRequests.GrantAsync(api, id, etag, until);
        var expiry = api.Services.GetRequiredService<ShareExpiry>();

        (await expiry.RecordExpiriesAsync(CancellationToken.None)).ShouldBe(0);
        api.Time.Set(until);
        var recorded = await expiry.RecordExpiriesAsync(CancellationToken.None);
        var again = await expiry.RecordExpiriesAsync(CancellationToken.None);
        api.Time.Set(new FakeTime().GetUtcNow());

        recorded.ShouldBe(1);
        again.ShouldBe(0);
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}' AND type = 'mappa-share-expired'")).ShouldBe(1);
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.partner_shares WHERE offender_id = '{id}' AND expired_at = '{until:O}'")).ShouldBe(1);
        (await api.Database.ScalarAsync(
            $"SELECT count(*) FROM mosovo.access_log WHERE offender_id = '{id}' AND kind = 'alteration' AND what = 'mappa-share-expired' AND user_id = 'mosovo-system'"))
            .ShouldBe(1);
    }
}
