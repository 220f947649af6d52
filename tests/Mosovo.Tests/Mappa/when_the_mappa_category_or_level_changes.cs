using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Mappa;

public sealed class when_the_mappa_category_or_level_changes(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    private Task<long> EventsOf(Guid id) => api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}'");

    [Fact]
    public async Task a_category_change_is_recorded_in_the_summary_and_its_history()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var response = await MappaRequests.PostAsync(Manager, id, MappaRequests.CategoryPath, etag, MappaRequests.Category(2));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var entry = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline"))!["entries"]![0]!;
        entry["type"]!.GetValue<string>().ShouldBe("mappa-category-changed");
        entry["summary"]!.GetValue<string>().ShouldBe("MAPPA category changed from 1 to 2");
        var mappa = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!["mappa"]!;
        mappa["category"]!.GetValue<int>().ShouldBe(2);
        mappa["level"].ShouldBeNull();
        var change = mappa["history"]!.AsArray().Single()!;
        change["what"]!.GetValue<string>().ShouldBe("Category");
        change["from"]!.GetValue<int>().ShouldBe(1);
        change["to"]!.GetValue<int>().ShouldBe(2);
        change["reason"]!.GetValue<string>().ShouldBe("Convicted of a violent offence while registered.");
        change["recordedBy"]!["name"]!.GetValue<string>().ShouldBe("DC Test Manager");
    }

    [Fact]
    public async Task a_level_is_set_then_changed_with_the_day_decided_and_an_arms_review_is_advised()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);

        var set = await MappaRequests.PostAsync(Manager, id, MappaRequests.LevelPath, etag, MappaRequests.Level(1, "2026-06-01"));
        var changed = await MappaRequests.PostAsync(Manager, id, MappaRequests.LevelPath, set.Headers.ETag!.Tag, MappaRequests.Level(3, "2026-06-12"));

        changed.StatusCode.ShouldBe(HttpStatusCode.Created, await changed.Content.ReadAsStringAsync());
        changed.Headers.ETag!.Tag.ShouldBe("\"3\"");
        (await changed.Content.ReadFromJsonAsync<JsonObject>())!["advice"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe([ChangeMappaLevel.ArmsReviewAdvice]);
        var entries = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline"))!["entries"]!.AsArray();
        entries[0]!["type"]!.GetValue<string>().ShouldBe("mappa-level-changed");
        entries[0]!["summary"]!.GetValue<string>().ShouldBe("MAPPA level changed from 1 to 3 (decided 12 June 2026)");
        entries[1]!["summary"]!.GetValue<string>().ShouldBe("MAPPA level set to 1 (decided 1 June 2026)");
        var mappa = (await Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}"))!["mappa"]!;
        mappa["level"]!.GetValue<int>().ShouldBe(3);
        mappa["levelDecidedOn"]!.GetValue<string>().ShouldBe("2026-06-12");
        mappa["history"]!.AsArray().Select(c => c!["from"]?.GetValue<int>()).ShouldBe([null, 1]);
    }

    public static TheoryData<string, string, Func<JsonObject>> SameValue => new()
    {
        // Registered in category 1.
        { MappaRequests.CategoryPath, "category", () => MappaRequests.Category(1) },
        { MappaRequests.LevelPath, "level", () => MappaRequests.Level(2) },
    };

    [Theory]
    [MemberData(nameof(SameValue))]
    public async Task a_change_to_the_value_already_held_is_refused_naming_it_and_nothing_is_written(string path, string field, Func<JsonObject> body)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var levelSet = await MappaRequests.PostAsync(Manager, id, MappaRequests.LevelPath, etag, MappaRequests.Level(2));

        var response = await MappaRequests.PostAsync(Manager, id, path, levelSet.Headers.ETag!.Tag, body());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]![0]!.GetValue<string>().ShouldContain("is already");
        (await EventsOf(id)).ShouldBe(2);
    }

    [Fact]
    public async Task a_level_decided_before_the_current_one_is_refused_naming_decidedOn()
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var levelSet = await MappaRequests.PostAsync(Manager, id, MappaRequests.LevelPath, etag, MappaRequests.Level(2, "2026-06-12"));

        var response = await MappaRequests.PostAsync(Manager, id, MappaRequests.LevelPath, levelSet.Headers.ETag!.Tag, MappaRequests.Level(3, "2026-06-11"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey("decidedOn");
        (await EventsOf(id)).ShouldBe(2);
    }

    public static TheoryData<string, string, Action<JsonObject>> BadFields => new()
    {
        { MappaRequests.CategoryPath, "category", b => b.Remove("category") },
        { MappaRequests.CategoryPath, "category", b => b["category"] = 0 },
        { MappaRequests.CategoryPath, "category", b => b["category"] = 4 },
        { MappaRequests.CategoryPath, "category", b => b["category"] = "two" },
        { MappaRequests.CategoryPath, "reason", b => b["reason"] = " " },
        { MappaRequests.CategoryPath, "reason", b => b["reason"] = new string('x', 1001) },
        { MappaRequests.LevelPath, "level", b => b.Remove("level") },
        { MappaRequests.LevelPath, "level", b => b["level"] = 4 },
        { MappaRequests.LevelPath, "reason", b => b.Remove("reason") },
        { MappaRequests.LevelPath, "decidedOn", b => b.Remove("decidedOn") },
        { MappaRequests.LevelPath, "decidedOn", b => b["decidedOn"] = "2026-06-16" },
        { MappaRequests.LevelPath, "decidedOn", b => b["decidedOn"] = "2019-12-31" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_and_nothing_is_written(string path, string field, Action<JsonObject> spoil)
    {
        var (id, etag) = await OffenderRequests.RegisterAsync(Manager);
        var body = MappaRequests.For(path);
        spoil(body);

        var response = await MappaRequests.PostAsync(Manager, id, path, etag, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey(field);
        (await EventsOf(id)).ShouldBe(1);
    }
}
