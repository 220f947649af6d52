using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Registration;

public sealed class when_an_offender_is_registered_with_a_sentence(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    private static JsonObject With(JsonObject sentence, string dateOfBirth = "1980-04-01")
    {
        var body = RegistrationRequests.Registration();
        body["sentence"] = sentence;
        body["dateOfBirth"] = dateOfBirth;
        return body;
    }

    public static TheoryData<string, JsonObject, string, string?, string?> Sentences => new()
    {
        // Convicted 1 May 2020, registered 1 June 2025.
        { "36 months", With(new JsonObject { ["kind"] = "Custodial", ["custodialMonths"] = 36 }), "indefinite", null, "2040-06-01" },
        { "12 months suspended", With(new JsonObject { ["kind"] = "SuspendedCustodial", ["custodialMonths"] = 12 }), "10 years", "2030-04-30", null },
        { "restricted hospital order", With(new JsonObject { ["kind"] = "HospitalOrderWithRestriction" }), "indefinite", null, "2040-06-01" },
        { "36 months at 15", With(new JsonObject { ["kind"] = "Custodial", ["custodialMonths"] = 36 }, "2004-09-01"), "indefinite", null, "2033-06-01" },
        { "community order at 15", With(new JsonObject { ["kind"] = "CommunityOrder" }, "2004-09-01"), "2 years 6 months", "2022-10-31", null },
    };

    [Theory]
    [MemberData(nameof(Sentences))]
    public async Task the_summary_shows_the_period_its_last_day_and_the_review_date(string sentence, JsonObject body, string period, string? endsOn, string? reviewOn)
    {
        // A community order at 15 gave 2 years 6 months, to 31 October 2022: register it then (when it was live).
        if (sentence == "community order at 15") body["registeredOn"] = "2020-05-02";

        var (id, _) = await OffenderRequests.RegisterAsync(Manager, body);

        var registration = (await RegistrationRequests.SummaryAsync(Manager, id))["registration"]!;
        registration["period"]!["description"]!.GetValue<string>().ShouldBe(period, sentence);
        (registration["notificationEndsOn"]?.GetValue<string>()).ShouldBe(endsOn, sentence);
        (registration["reviewEligibleOn"]?.GetValue<string>()).ShouldBe(reviewOn, sentence);
        registration["period"]!["basis"]!.GetValue<string>().ShouldStartWith("s.82(1)");
        (await RegistrationRequests.TimelineAsync(Manager, id))[0]!["summary"]!.GetValue<string>().ShouldContain("notification period " + period);
    }

    public static TheoryData<string, Func<JsonObject>> BadFields => new()
    {
        { "sentence.dischargeMonths", () => With(new JsonObject { ["kind"] = "ConditionalDischarge" }) },
        { "sentence.dischargeMonths", () => With(new JsonObject { ["kind"] = "Fine", ["dischargeMonths"] = 12 }) },
        { "sentence.custodialMonths", () => With(new JsonObject { ["kind"] = "SuspendedCustodial", ["custodialMonths"] = 30 }) },
        // A caution on 1 May 2020 gave 2 years, which ended long before a registration in 2025.
        { "convictionDate", () => With(new JsonObject { ["kind"] = "Caution" }) },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_sentence_that_does_not_fit_is_named_and_nothing_is_written(string field, Func<JsonObject> body)
    {
        var before = await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_events");

        var response = await Manager.PostAsJsonAsync("/offenders", body());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await RegistrationRequests.ErrorsAsync(response)).ShouldContainKey(field);
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_events")).ShouldBe(before);
    }
}
