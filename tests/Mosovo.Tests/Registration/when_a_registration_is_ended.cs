using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Registration;

public sealed class when_a_registration_is_ended(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    [Fact]
    public async Task the_summary_shows_the_end_and_its_reason_and_the_caseload_drops_the_offender()
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);

        var response = await RegistrationRequests.PostAsync(Manager, id, etag, "registration/end",
            RegistrationRequests.End("ConvictionQuashedOnAppeal", details: "Court of Appeal, 14 June 2026"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var summary = await RegistrationRequests.SummaryAsync(Manager, id);
        var registration = summary["registration"]!;
        registration["endedOn"]!.GetValue<string>().ShouldBe("2026-06-14");
        registration["endReason"]!.GetValue<string>().ShouldBe("ConvictionQuashedOnAppeal");
        registration["endDetails"]!.GetValue<string>().ShouldBe("Court of Appeal, 14 June 2026");
        registration["nextNotificationDue"].ShouldBeNull();
        summary["flags"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldContain("RegistrationEnded");
        (await RegistrationRequests.TimelineAsync(Manager, id))[0]!["summary"]!.GetValue<string>().ShouldContain("conviction quashed on appeal");
        var caseload = await Manager.GetFromJsonAsync<JsonObject>("/caseload?managerId=DC1234");
        caseload!["offenders"]!.AsArray().ShouldNotContain(o => o!["offenderId"]!.GetValue<Guid>() == id);
    }

    [Fact]
    public async Task a_second_end_is_refused_naming_the_field_and_nothing_is_written()
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);
        var first = await RegistrationRequests.PostAsync(Manager, id, etag, "registration/end", RegistrationRequests.End());

        var second = await RegistrationRequests.PostAsync(Manager, id, first.Headers.ETag!.Tag, "registration/end", RegistrationRequests.End("Other", details: "Again"));

        second.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await RegistrationRequests.ErrorsAsync(second))["endedOn"]![0]!.GetValue<string>().ShouldContain("already ended");
        (await RegistrationRequests.EventCountAsync(api, id)).ShouldBe(2);
    }

    [Fact]
    public async Task an_end_recorded_in_error_can_be_withdrawn_and_the_registration_is_live_again()
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);
        var ended = await RegistrationRequests.PostAsync(Manager, id, etag, "registration/end", RegistrationRequests.End());

        var withdrawn = await RegistrationRequests.PostAsync(Manager, id, ended.Headers.ETag!.Tag, "corrections",
            new JsonObject { ["correctsVersion"] = 2, ["withdraw"] = true, ["reason"] = "Recorded on the wrong offender." });

        withdrawn.StatusCode.ShouldBe(HttpStatusCode.Created);
        var registration = (await RegistrationRequests.SummaryAsync(Manager, id))["registration"]!;
        registration["endedOn"].ShouldBeNull();
        registration["nextNotificationDue"]!.GetValue<string>().ShouldBe("2026-06-01");
    }

    public static TheoryData<string, Func<JsonObject>> BadFields => new()
    {
        { "reason", () => { var b = RegistrationRequests.End(); b.Remove("reason"); return b; } },
        { "reason", () => RegistrationRequests.End("Bored") },
        { "details", () => RegistrationRequests.End("Other") },
        { "endedOn", () => RegistrationRequests.End(endedOn: "2026-06-16") },
        { "endedOn", () => RegistrationRequests.End(endedOn: "2025-05-31") },
        // The test registration is 36 months' imprisonment: indefinite, reviewable from 1 June 2040.
        { "reason", () => RegistrationRequests.End("PeriodExpired") },
        { "endedOn", () => RegistrationRequests.End("IndefiniteRequirementsEndedOnReview") },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_in_a_problem_and_nothing_is_written(string field, Func<JsonObject> body)
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);

        var response = await RegistrationRequests.PostAsync(Manager, id, etag, "registration/end", body());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await RegistrationRequests.ErrorsAsync(response)).ShouldContainKey(field);
        (await RegistrationRequests.EventCountAsync(api, id)).ShouldBe(1);
    }
}
