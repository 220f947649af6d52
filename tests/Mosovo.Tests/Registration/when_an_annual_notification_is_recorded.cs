using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Registration;

public sealed class when_an_annual_notification_is_recorded(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    [Fact]
    public async Task the_summary_and_the_caseload_show_the_last_notification_and_the_next_due_a_year_later()
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);
        var registered = (await RegistrationRequests.SummaryAsync(Manager, id))["registration"]!;
        registered["nextNotificationDue"]!.GetValue<string>().ShouldBe("2026-06-01");

        var response = await RegistrationRequests.PostAsync(Manager, id, etag, "annual-notifications", RegistrationRequests.AnnualNotification("2026-06-01"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["advice"]!.AsArray().ShouldBeEmpty();
        var registration = (await RegistrationRequests.SummaryAsync(Manager, id))["registration"]!;
        registration["lastNotifiedOn"]!.GetValue<string>().ShouldBe("2026-06-01");
        registration["nextNotificationDue"]!.GetValue<string>().ShouldBe("2027-06-01");
        registration["lastAnnualNotification"]!["policeStation"]!.GetValue<string>().ShouldBe("Demotown Police Station");
        var caseload = await Manager.GetFromJsonAsync<JsonObject>("/caseload?managerId=DC1234");
        caseload!["offenders"]!.AsArray().Single(o => o!["offenderId"]!.GetValue<Guid>() == id)!["nextNotificationDue"]!.GetValue<string>().ShouldBe("2027-06-01");
    }

    [Fact]
    public async Task a_late_annual_notification_is_accepted_with_advice_and_listed_as_late()
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);

        var response = await RegistrationRequests.PostAsync(Manager, id, etag, "annual-notifications", RegistrationRequests.AnnualNotification("2026-06-05"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["advice"]![0]!.GetValue<string>().ShouldContain("4 days late");
        var late = (await RegistrationRequests.SummaryAsync(Manager, id))["registration"]!["lateNotifications"]!.AsArray().Single()!;
        late["kind"]!.GetValue<string>().ShouldBe("AnnualNotification");
        late["dueBy"]!.GetValue<string>().ShouldBe("2026-06-01");
    }

    public static TheoryData<string, Func<JsonObject>> BadFields => new()
    {
        { "policeStation", () => { var b = RegistrationRequests.AnnualNotification(); b.Remove("policeStation"); return b; } },
        { "notifiedOn", () => RegistrationRequests.AnnualNotification("2026-06-16") },
        { "notifiedOn", () => { var b = RegistrationRequests.AnnualNotification(); b.Remove("notifiedOn"); return b; } },
        { "notifiedOn", () => RegistrationRequests.AnnualNotification("2025-05-31") },
        { "unexpected", () => { var b = RegistrationRequests.AnnualNotification(); b["unexpected"] = 1; return b; } },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_in_a_problem_and_nothing_is_written(string field, Func<JsonObject> body)
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);

        var response = await RegistrationRequests.PostAsync(Manager, id, etag, "annual-notifications", body());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await RegistrationRequests.ErrorsAsync(response)).ShouldContainKey(field);
        (await RegistrationRequests.EventCountAsync(api, id)).ShouldBe(1);
    }

    [Fact]
    public async Task after_the_registration_ends_it_is_refused_and_nothing_is_written()
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);
        var ended = await RegistrationRequests.PostAsync(Manager, id, etag, "registration/end", RegistrationRequests.End());

        var response = await RegistrationRequests.PostAsync(Manager, id, ended.Headers.ETag!.Tag, "annual-notifications", RegistrationRequests.AnnualNotification("2026-06-15"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await RegistrationRequests.ErrorsAsync(response)).ShouldContainKey("notifiedOn");
        (await RegistrationRequests.EventCountAsync(api, id)).ShouldBe(2);
    }
}
