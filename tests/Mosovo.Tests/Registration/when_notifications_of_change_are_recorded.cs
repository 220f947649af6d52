using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;

namespace Mosovo.Tests.Registration;

public sealed class when_notifications_of_change_are_recorded(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    private async Task<(Guid Id, HttpResponseMessage Response)> Notify(JsonObject body)
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);
        return (id, await RegistrationRequests.PostAsync(Manager, id, etag, "notifications", body));
    }

    private static JsonNode Registration(JsonObject summary) => summary["registration"]!;

    private static string S(JsonNode? node) => node!.GetValue<string>();

    public static TheoryData<string, JsonObject, string, Action<JsonObject>> Kinds => new()
    {
        {
            "name change", RegistrationRequests.NameChange(), "name-change-notified", s =>
            {
                S(s["identity"]!["name"]!["givenNames"]).ShouldBe("Tess");
                s["identity"]!["aliases"]!.AsArray().Select(S).ShouldContain("Test Fictional");
                S(Registration(s)["lastNotifiedOn"]).ShouldBe("2026-06-11");
            }
        },
        {
            "home address change", RegistrationRequests.HomeAddressChange(), "home-address-change-notified", s =>
            {
                S(s["identity"]!["address"]!["postcode"]).ShouldBe("ZZ2 2BB");
                S(Registration(s)["previousAddresses"]![0]!["address"]!["postcode"]).ShouldBe("ZZ1 1AA");
                S(Registration(s)["nextNotificationDue"]).ShouldBe("2027-06-11");
            }
        },
        {
            "stay", RegistrationRequests.Stay(), "stay-at-unnotified-address-notified", s =>
            {
                S(Registration(s)["stays"]![0]!["address"]!["postcode"]).ShouldBe("ZZ3 3CC");
                S(Registration(s)["stays"]![0]!["to"]).ShouldBe("2026-06-14");
            }
        },
        {
            "household with a child", RegistrationRequests.Household(), "household-with-child-notified", s =>
                Registration(s)["householdsWithChildren"]![0]!["childPresent"]!.GetValue<bool>().ShouldBeTrue()
        },
        {
            "foreign travel", RegistrationRequests.ForeignTravel(), "foreign-travel-notified", s =>
            {
                S(Registration(s)["foreignTravel"]![0]!["destinationCountry"]).ShouldBe("France");
                S(Registration(s)["lastNotifiedOn"]).ShouldBe(RegistrationRequests.RegisteredOn);
            }
        },
        {
            "first weekly report", RegistrationRequests.WeeklyReport("2026-06-12", "2026-06-11"), "no-fixed-abode-weekly-report-made", s =>
            {
                S(Registration(s)["noFixedAbode"]!["place"]).ShouldBe("Doorway of the library, Demotown");
                S(Registration(s)["nextNotificationDue"]).ShouldBe("2026-06-19");
            }
        },
        {
            "payment card", RegistrationRequests.PaymentCard(), "account-or-document-notified", s =>
            {
                S(Registration(s)["accountsAndDocuments"]![0]!["kind"]).ShouldBe("PaymentCard");
                S(Registration(s)["accountsAndDocuments"]![0]!["maskedNumber"]).ShouldBe("4242");
            }
        },
        {
            "passport", RegistrationRequests.Passport(), "account-or-document-notified", s =>
                S(Registration(s)["accountsAndDocuments"]![0]!["maskedNumber"]).ShouldBe("*****4321")
        },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task each_kind_is_recorded_on_time_and_shows_in_the_summary(string kind, JsonObject body, string eventType, Action<JsonObject> check)
    {
        var (id, response) = await Notify(body);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, kind + ": " + await response.Content.ReadAsStringAsync());
        var newest = (await RegistrationRequests.TimelineAsync(Manager, id))[0]!;
        S(newest["type"]).ShouldBe(eventType);
        newest["data"]!["daysLate"]!.GetValue<int>().ShouldBe(0, kind);
        var summary = await RegistrationRequests.SummaryAsync(Manager, id);
        Registration(summary)["lateNotifications"]!.AsArray().ShouldBeEmpty();
        check(summary);
    }

    [Fact]
    public async Task a_full_document_number_is_never_stored()
    {
        var (id, response) = await Notify(RegistrationRequests.Passport("123498765"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id = '{id}' AND data::text LIKE '%8765%'")).ShouldBe(1);
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.mt_events WHERE data::text LIKE '%123498765%'")).ShouldBe(0);
        (await api.Database.ScalarAsync("SELECT count(*) FROM mosovo.offender_summaries WHERE state::text LIKE '%123498765%'")).ShouldBe(0);
    }

    [Fact]
    public async Task a_late_change_is_accepted_marked_late_on_the_event_and_listed_in_the_summary()
    {
        // Moved on 1 June: due within 3 days beginning with that day, so by 3 June; notified on 5 June.
        var (id, response) = await Notify(RegistrationRequests.HomeAddressChange(changedOn: "2026-06-01", notifiedOn: "2026-06-05"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["advice"]![0]!.GetValue<string>().ShouldContain("2 days late");
        var newest = (await RegistrationRequests.TimelineAsync(Manager, id))[0]!;
        newest["data"]!["daysLate"]!.GetValue<int>().ShouldBe(2);
        S(newest["data"]!["dueBy"]).ShouldBe("2026-06-03");
        S(newest["summary"]).ShouldContain("2 days late");
        var late = Registration(await RegistrationRequests.SummaryAsync(Manager, id))["lateNotifications"]!.AsArray().Single()!;
        S(late["kind"]).ShouldBe("HomeAddressChange");
        late["daysLate"]!.GetValue<int>().ShouldBe(2);
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData("Father taken into hospital in France", 0)]
    public async Task travel_notified_less_than_7_days_ahead_is_accepted_and_late_unless_a_reason_is_given(string? reason, int daysLate)
    {
        var (id, response) = await Notify(RegistrationRequests.ForeignTravel(notifiedOn: "2026-06-15", departureOn: "2026-06-20", shortNoticeReason: reason));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Registration(await RegistrationRequests.SummaryAsync(Manager, id))["lateNotifications"]!.AsArray().Count.ShouldBe(daysLate > 0 ? 1 : 0);
        (await RegistrationRequests.TimelineAsync(Manager, id))[0]!["data"]!["daysLate"]!.GetValue<int>().ShouldBe(daysLate);
    }

    [Fact]
    public async Task weekly_reports_start_with_the_date_of_no_fixed_abode_and_are_then_due_weekly()
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);
        var before = await RegistrationRequests.EventCountAsync(api, id);

        var missing = await RegistrationRequests.PostAsync(Manager, id, etag, "notifications", RegistrationRequests.WeeklyReport("2026-06-05"));
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await RegistrationRequests.ErrorsAsync(missing)).ShouldContainKey("weeklyReport.noFixedAbodeSince");
        (await RegistrationRequests.EventCountAsync(api, id)).ShouldBe(before);

        var first = await RegistrationRequests.PostAsync(Manager, id, etag, "notifications", RegistrationRequests.WeeklyReport("2026-06-05", "2026-06-04"));
        var second = await RegistrationRequests.PostAsync(Manager, id, first.Headers.ETag!.Tag, "notifications", RegistrationRequests.WeeklyReport("2026-06-14"));

        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await second.Content.ReadFromJsonAsync<JsonObject>())!["advice"]![0]!.GetValue<string>().ShouldContain("2 days late");
        var registration = Registration(await RegistrationRequests.SummaryAsync(Manager, id));
        S(registration["noFixedAbode"]!["since"]).ShouldBe("2026-06-04");
        S(registration["noFixedAbode"]!["lastReportedOn"]).ShouldBe("2026-06-14");
        S(registration["nextNotificationDue"]).ShouldBe("2026-06-21");
    }

    public static TheoryData<string, Func<JsonObject>> BadFields => new()
    {
        { "kind", () => { var b = RegistrationRequests.NameChange(); b.Remove("kind"); return b; } },
        { "kind", () => { var b = RegistrationRequests.NameChange(); b["kind"] = "AnnualNotification"; return b; } },
        { "kind", () => { var b = RegistrationRequests.NameChange(); b["kind"] = "Gossip"; return b; } },
        { "notifiedOn", () => RegistrationRequests.NameChange(notifiedOn: "2026-06-16") },
        { "notifiedOn", () => RegistrationRequests.NameChange(changedOn: "2025-05-01", notifiedOn: "2025-05-31") },
        { "nameChange", () => { var b = RegistrationRequests.NameChange(); b.Remove("nameChange"); return b; } },
        { "nameChange.familyName", () => { var b = RegistrationRequests.NameChange(); b["nameChange"]!["familyName"] = " "; return b; } },
        { "nameChange.changedOn", () => { var b = RegistrationRequests.NameChange(); b["nameChange"]!.AsObject().Remove("changedOn"); return b; } },
        { "stay", () => { var b = RegistrationRequests.NameChange(); b["stay"] = RegistrationRequests.Stay()["stay"]!.DeepClone(); return b; } },
        { "homeAddressChange.address.postcode", () => { var b = RegistrationRequests.HomeAddressChange(); b["homeAddressChange"]!["address"]!["postcode"] = "NOWHERE"; return b; } },
        { "homeAddressChange.address", () => { var b = RegistrationRequests.HomeAddressChange(); b["homeAddressChange"]!["address"] = RegistrationRequests.Address("1 Example Street", "ZZ1 1AA"); return b; } },
        { "stay.to", () => { var b = RegistrationRequests.Stay(); b["stay"]!["to"] = "2026-05-31"; return b; } },
        { "household.childPresent", () => { var b = RegistrationRequests.Household(); b["household"]!.AsObject().Remove("childPresent"); return b; } },
        { "foreignTravel.returnOn", () => { var b = RegistrationRequests.ForeignTravel(); b["foreignTravel"]!["returnOn"] = "2026-06-30"; return b; } },
        { "foreignTravel.destinationCountry", () => { var b = RegistrationRequests.ForeignTravel(); b["foreignTravel"]!["destinationCountry"] = ""; return b; } },
        { "foreignTravel.shortNoticeReason", () => RegistrationRequests.ForeignTravel(shortNoticeReason: "Not short notice at all") },
        { "weeklyReport.place", () => { var b = RegistrationRequests.WeeklyReport("2026-06-12", "2026-06-11"); b["weeklyReport"]!["place"] = ""; return b; } },
        { "accountOrDocument.lastFourDigits", () => RegistrationRequests.PaymentCard("4242424242424242") },
        { "accountOrDocument.documentNumber", () => RegistrationRequests.Passport("AB!") },
        { "accountOrDocument.change", () => { var b = RegistrationRequests.PaymentCard(); b["accountOrDocument"]!.AsObject().Remove("change"); return b; } },
        { "unexpected", () => { var b = RegistrationRequests.NameChange(); b["unexpected"] = "field"; return b; } },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_is_named_in_a_problem_and_nothing_is_written(string field, Func<JsonObject> body)
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);

        var response = await RegistrationRequests.PostAsync(Manager, id, etag, "notifications", body());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await RegistrationRequests.ErrorsAsync(response)).ShouldContainKey(field);
        (await RegistrationRequests.EventCountAsync(api, id)).ShouldBe(1);
    }

    [Fact]
    public async Task after_the_registration_ends_a_notification_is_refused_naming_the_field_and_nothing_is_written()
    {
        var (id, etag) = await RegistrationRequests.RegisterAsync(api);
        var ended = await RegistrationRequests.PostAsync(Manager, id, etag, "registration/end", RegistrationRequests.End());
        ended.StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await RegistrationRequests.PostAsync(Manager, id, ended.Headers.ETag!.Tag, "notifications", RegistrationRequests.NameChange());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await RegistrationRequests.ErrorsAsync(response))["notifiedOn"]![0]!.GetValue<string>().ShouldContain("ended on 14 Jun 2026");
        (await RegistrationRequests.EventCountAsync(api, id)).ShouldBe(2);
    }
}
