using System.Net;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Mappa;

public sealed class when_mappa_commands_are_sent_by_the_wrong_role_stale_or_twice(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    private Task<long> EventsOf(Guid id) => api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.events WHERE stream_id = '{id}'");

    public static TheoryData<string, string> RolesThatMayNot => new()
    {
        { MappaRequests.CategoryPath, Roles.MappaPartner },
        { MappaRequests.CategoryPath, Roles.Auditor },
        { MappaRequests.LevelPath, Roles.MappaPartner },
        { MappaRequests.LevelPath, Roles.Auditor },
        { MappaRequests.MeetingsPath, Roles.MappaPartner },
        { MappaRequests.MeetingsPath, Roles.Auditor },
    };

    [Theory]
    [MemberData(nameof(RolesThatMayNot))]
    public async Task a_role_that_may_not_record_gets_403_and_nothing_is_written(string path, string role)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var response = await MappaRequests.PostAsync(api.ClientFor(role, agency: "Probation"), id, path, etag, MappaRequests.For(path));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await EventsOf(id)).ShouldBe(1);
    }

    [Theory]
    [InlineData(MappaRequests.CategoryPath)]
    [InlineData(MappaRequests.LevelPath)]
    [InlineData(MappaRequests.MeetingsPath)]
    public async Task a_supervisor_may_record_too(string path)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        (await MappaRequests.PostAsync(api.ClientFor(Roles.Supervisor, "DS Test Supervisor"), id, path, etag, MappaRequests.For(path)))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData(MappaRequests.CategoryPath)]
    [InlineData(MappaRequests.LevelPath)]
    [InlineData(MappaRequests.MeetingsPath)]
    public async Task a_stale_version_is_refused_with_409_and_nothing_is_written(string path)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var visit = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{id}/visits")
        {
            Content = System.Net.Http.Json.JsonContent.Create(OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddHours(-1))),
        };
        visit.Headers.TryAddWithoutValidation("If-Match", etag);
        (await Manager.SendAsync(visit)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var stale = await MappaRequests.PostAsync(Manager, id, path, etag, MappaRequests.For(path));

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await EventsOf(id)).ShouldBe(2);
    }

    [Theory]
    [InlineData(MappaRequests.CategoryPath)]
    [InlineData(MappaRequests.LevelPath)]
    [InlineData(MappaRequests.MeetingsPath)]
    public async Task a_retry_with_the_same_idempotency_key_answers_the_same_and_appends_nothing(string path)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var key = Guid.NewGuid().ToString();
        var first = await MappaRequests.PostAsync(Manager, id, path, etag, MappaRequests.For(path), key);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);

        var retry = await MappaRequests.PostAsync(Manager, id, path, etag, MappaRequests.For(path), key);

        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await EventsOf(id)).ShouldBe(2);
    }
}
