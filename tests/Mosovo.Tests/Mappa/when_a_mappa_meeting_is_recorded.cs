using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Mappa;

public sealed class when_a_mappa_meeting_is_recorded(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    private Task<long> EventsOf(Guid id) => api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'");

    [Fact]
    public async Task the_meeting_is_listed_with_its_outcome_actions_and_next_meeting()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var response = await MappaRequests.PostAsync(Manager, id, MappaRequests.MeetingsPath, etag, MappaRequests.Meeting());

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var meetingId = body!["id"]!.GetValue<Guid>();
        // No level is recorded yet, so the officer is told the meeting's level is not the offender's.
        body["advice"]!.AsArray().Single()!.GetValue<string>().ShouldContain("record the level change");
        var entry = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline"))!["entries"]![0]!;
        entry["type"]!.GetValue<string>().ShouldBe("mappa-meeting-recorded");
        entry["summary"]!.GetValue<string>().ShouldBe("MAPPA level 2 meeting with Police, Probation Service, Children's Social Care; 2 actions; next meeting 4 September 2026");
        var mappa = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!["mappa"]!;
        mappa["meetings"]!.AsArray().Single()!["meetingId"]!.GetValue<Guid>().ShouldBe(meetingId);
        mappa["latestMeeting"]!["outcomeSummary"]!.GetValue<string>().ShouldStartWith("Risk to the partner's children");
        mappa["latestMeeting"]!["actions"]![0]!["owner"]!.GetValue<string>().ShouldBe("Police");
        mappa["nextMeetingOn"]!.GetValue<string>().ShouldBe("2026-09-04");
    }

    [Fact]
    public async Task the_next_meeting_comes_from_the_meeting_held_last_not_the_one_recorded_last()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var june = await MappaRequests.PostAsync(Manager, id, MappaRequests.MeetingsPath, etag, MappaRequests.Meeting("2026-06-12", nextMeetingOn: "2026-09-04"));

        var lateRecord = await MappaRequests.PostAsync(Manager, id, MappaRequests.MeetingsPath, june.Headers.ETag!.Tag,
            MappaRequests.Meeting("2026-03-01", nextMeetingOn: "2026-06-12"));

        lateRecord.StatusCode.ShouldBe(HttpStatusCode.Created);
        var mappa = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!["mappa"]!;
        mappa["meetings"]!.AsArray().Count.ShouldBe(2);
        mappa["latestMeeting"]!["heldOn"]!.GetValue<string>().ShouldBe("2026-06-12");
        mappa["nextMeetingOn"]!.GetValue<string>().ShouldBe("2026-09-04");
    }

    [Fact]
    public async Task the_openapi_document_shows_the_mappa_endpoints_with_their_examples()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject();
        paths.ShouldContainKey("/offenders/{offenderId}/mappa/category");
        paths.ShouldContainKey("/offenders/{offenderId}/mappa/level");
        paths.ShouldContainKey("/offenders/{offenderId}/mappa/meetings");
        var schemas = document["components"]!["schemas"]!;
        schemas["ChangeMappaCategoryRequest"]!["examples"]![0]!["category"]!.GetValue<int>().ShouldBe(3);
        schemas["ChangeMappaLevelRequest"]!["examples"]![0]!["level"]!.GetValue<int>().ShouldBe(2);
        schemas["RecordMappaMeetingRequest"]!["examples"]![0]!["agencies"]!.AsArray().Count.ShouldBe(3);
    }

    public static TheoryData<string, Action<JsonObject>> BadFields => new()
    {
        { "heldOn", b => b.Remove("heldOn") },
        { "heldOn", b => b["heldOn"] = "2026-06-16" },
        { "heldOn", b => b["heldOn"] = "2019-12-31" },
        { "level", b => b["level"] = 0 },
        { "agencies", b => b["agencies"] = new JsonArray() },
        { "agencies", b => b["agencies"] = new JsonArray("Police", "police") },
        { "agencies[1]", b => b["agencies"]![1] = "" },
        { "outcomeSummary", b => b.Remove("outcomeSummary") },
        { "outcomeSummary", b => b["outcomeSummary"] = new string('x', 4001) },
        { "nextMeetingOn", b => b["nextMeetingOn"] = "2026-06-12" },
        { "actions[0].action", b => b["actions"]![0]!["action"] = "" },
        { "actions[1].owner", b => b["actions"]![1]!.AsObject().Remove("owner") },
        { "actions[0].dueOn", b => b["actions"]![0]!["dueOn"] = "2026-06-11" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_and_nothing_is_written(string field, Action<JsonObject> spoil)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var body = MappaRequests.Meeting();
        spoil(body);

        var response = await MappaRequests.PostAsync(Manager, id, MappaRequests.MeetingsPath, etag, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey(field);
        (await EventsOf(id)).ShouldBe(1);
    }
}
