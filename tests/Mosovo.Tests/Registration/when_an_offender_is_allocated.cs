using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Registration;

public sealed class when_an_offender_is_allocated(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Supervisor => api.ClientFor(Roles.Supervisor, "DS Test Supervisor");

    [Fact]
    public async Task the_summary_shows_the_new_manager_team_and_reason_and_the_new_caseload_lists_the_offender()
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);

        var response = await RegistrationRequests.PostAsync(Supervisor, id, etag, "allocation", RegistrationRequests.Allocation("DC5678", "South MOSOVO"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var allocation = (await RegistrationRequests.SummaryAsync(Supervisor, id))["allocation"]!;
        allocation["manager"]!["id"]!.GetValue<string>().ShouldBe("DC5678");
        allocation["team"]!.GetValue<string>().ShouldBe("South MOSOVO");
        allocation["reason"]!.GetValue<string>().ShouldBe("Offender moved to the south of the force area.");
        allocation["allocatedOn"]!.GetValue<string>().ShouldBe("2026-06-15");
        (await RegistrationRequests.TimelineAsync(Supervisor, id))[0]!["summary"]!.GetValue<string>().ShouldContain("was DC Test Manager, North MOSOVO");
        var caseload = await Supervisor.GetFromJsonAsync<JsonObject>("/caseload?managerId=DC5678");
        caseload!["offenders"]!.AsArray().ShouldContain(o => o!["offenderId"]!.GetValue<Guid>() == id);
        var old = await Supervisor.GetFromJsonAsync<JsonObject>("/caseload?managerId=DC1234");
        old!["offenders"]!.AsArray().ShouldNotContain(o => o!["offenderId"]!.GetValue<Guid>() == id);
    }

    [Fact]
    public async Task a_new_team_with_the_same_manager_is_an_allocation_but_the_same_manager_and_team_is_refused()
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);

        var same = await RegistrationRequests.PostAsync(Supervisor, id, etag, "allocation", RegistrationRequests.Allocation("dc1234", "north mosovo"));
        same.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await RegistrationRequests.ErrorsAsync(same)).ShouldContainKey("manager");
        (await RegistrationRequests.EventCountAsync(api, id)).ShouldBe(1);

        (await RegistrationRequests.PostAsync(Supervisor, id, etag, "allocation", RegistrationRequests.Allocation("DC1234", "South MOSOVO")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    public static TheoryData<string, Func<JsonObject>> BadFields => new()
    {
        { "manager", () => { var b = RegistrationRequests.Allocation(); b.Remove("manager"); return b; } },
        { "manager.id", () => { var b = RegistrationRequests.Allocation(); b["manager"]!["id"] = ""; return b; } },
        { "manager.name", () => { var b = RegistrationRequests.Allocation(); b["manager"]!["name"] = new string('x', 101); return b; } },
        { "team", () => { var b = RegistrationRequests.Allocation(); b.Remove("team"); return b; } },
        { "reason", () => { var b = RegistrationRequests.Allocation(); b["reason"] = " "; return b; } },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_in_a_problem_and_nothing_is_written(string field, Func<JsonObject> body)
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);

        var response = await RegistrationRequests.PostAsync(Supervisor, id, etag, "allocation", body());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await RegistrationRequests.ErrorsAsync(response)).ShouldContainKey(field);
        (await RegistrationRequests.EventCountAsync(api, id)).ShouldBe(1);
    }
}
