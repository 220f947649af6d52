using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Breaches;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;
using static Mosovo.Tests.Compliance.ComplianceQueueCalls;

namespace Mosovo.Tests.Compliance;

/// <summary>
/// GET /compliance/figures with known data. Each test writes into a month of its own (the clock is moved
/// there), so the figures of one test's range hold only what that test recorded. Ranges are UK calendar days:
/// in summer a moment at 23:30 UTC falls on the next UK day.
/// </summary>
public sealed class when_leaders_read_the_practice_figures(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly ComplianceQueueCalls calls = new(api);

    private async Task<JsonObject> FiguresAsync(string from, string to)
    {
        var response = await calls.Supervisor.GetAsync($"/compliance/figures?from={from}&to={to}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<Guid> OffenderWithASingleOfficerVisitRecordedAtAsync(DateTimeOffset at)
    {
        api.Time.AdjustTime(at);
        var (id, etag) = await calls.RegisterAsync(NewManagerId(), NewTeam());
        await calls.SingleOfficerVisitAsync(id, etag, at.AddMinutes(-30));
        return id;
    }

    private async Task ReviewAsync(Guid id, DateTimeOffset at)
    {
        api.Time.AdjustTime(at);
        var summary = await calls.ObligationsAsync(id);
        var visit = Obligations(summary, ReviewKind).Single()["openedByVersion"]!.GetValue<long>();
        await calls.RecordAsync(id, $"\"{summary["version"]}\"", "visits/reviews", Review(visit), calls.Supervisor);
    }

    [Fact]
    public async Task obligations_opened_in_the_range_show_how_long_they_took_how_many_were_late_and_what_is_still_open()
    {
        // 1 July 2026, 10:00 in the UK (BST).
        var t0 = new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);
        var outsideBefore = await OffenderWithASingleOfficerVisitRecordedAtAsync(new DateTimeOffset(2026, 6, 30, 22, 59, 0, TimeSpan.Zero)); // 30 June 23:59 UK
        await OffenderWithASingleOfficerVisitRecordedAtAsync(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero)); // 1 July 00:30 UK: left open
        var reviewed = new List<Guid>();
        for (var i = 0; i < 5; i++)
            reviewed.Add(await OffenderWithASingleOfficerVisitRecordedAtAsync(t0));
        var waived = await OffenderWithASingleOfficerVisitRecordedAtAsync(t0);
        await OffenderWithASingleOfficerVisitRecordedAtAsync(t0); // left open

        // Reviewed after 1, 2, 3 and 10 hours (in time: due in 7 days) and after 200 hours (late).
        foreach (var (id, hours) in reviewed.Zip([1, 2, 3, 10, 200]))
        {
            if (hours == 200) continue;
            await ReviewAsync(id, t0.AddHours(hours));
        }

        api.Time.AdjustTime(t0.AddHours(5));
        var summary = await calls.ObligationsAsync(waived);
        await calls.RecordAsync(waived, $"\"{summary["version"]}\"", "obligations/waivers",
            Waiver(Obligations(summary, ReviewKind).Single()["key"]!.GetValue<string>()), calls.Supervisor);
        await OffenderWithASingleOfficerVisitRecordedAtAsync(new DateTimeOffset(2026, 7, 2, 23, 30, 0, TimeSpan.Zero)); // 3 July 00:30 UK
        await ReviewAsync(reviewed[4], t0.AddHours(200));
        await ReviewAsync(outsideBefore, t0.AddHours(200));

        var figures = await FiguresAsync("2026-07-01", "2026-07-02");

        figures["from"]!.GetValue<string>().ShouldBe("2026-07-01");
        figures["to"]!.GetValue<string>().ShouldBe("2026-07-02");
        var reviews = figures["byKind"]!.AsArray().Single(k => k!["kind"]!.GetValue<string>() == ReviewKind)!;
        reviews["opened"]!.GetValue<int>().ShouldBe(8);
        reviews["done"]!.GetValue<int>().ShouldBe(5);
        reviews["doneInTime"]!.GetValue<int>().ShouldBe(4);
        reviews["doneLate"]!.GetValue<int>().ShouldBe(1);
        reviews["waived"]!.GetValue<int>().ShouldBe(1);
        reviews["stillOpen"]!.GetValue<int>().ShouldBe(2);
        reviews["stillOpenOverdue"]!.GetValue<int>().ShouldBe(2);
        reviews["shareDoneInTime"]!.GetValue<double>().ShouldBe(4.0 / 7, 1e-9);
        var took = reviews["timeToDone"]!;
        took["count"]!.GetValue<int>().ShouldBe(5);
        took["medianHours"]!.GetValue<double>().ShouldBe(3, 1e-9);
        took["p90Hours"]!.GetValue<double>().ShouldBe(200, 1e-9);
        took["worstHours"]!.GetValue<double>().ShouldBe(200, 1e-9);
        // The one that opened at 1 July 00:30 UK (30 June 23:30 UTC) has waited longest: until now, 200 hours after t0.
        reviews["oldestOpenHours"]!.GetValue<double>().ShouldBe(209.5, 1e-9);

        // Every kind is listed, the PPN and risk disclosure ones (opened by another policy) with nothing yet.
        figures["byKind"]!.AsArray().Count.ShouldBe(Enum.GetValues<Mosovo.Api.Compliance.ObligationKind>().Length);
        foreach (var name in new[] { "ppnSubmission", "riskDisclosureDecision", "armsReviewAfterSignificantEvent" })
        {
            figures[name]!["opened"]!.GetValue<int>().ShouldBe(0);
            figures[name]!["timeToDone"].ShouldBeNull();
            figures[name]!["shareDoneInTime"].ShouldBeNull();
        }
    }

    [Fact]
    public async Task visits_made_in_the_range_give_the_shares_made_by_two_officers_and_unannounced_withdrawn_visits_left_out()
    {
        api.Time.AdjustTime(new DateTimeOffset(2026, 8, 10, 12, 0, 0, TimeSpan.Zero));
        var (id, etag) = await calls.RegisterAsync(NewManagerId(), NewTeam());

        async Task VisitAsync(DateTimeOffset at, bool twoOfficers, string kind)
        {
            var body = twoOfficers ? OffenderRequests.TwoOfficerVisit(at) : OffenderRequests.SingleOfficerVisit(at);
            body["kind"] = kind;
            etag = await calls.RecordAsync(id, etag, "visits", body);
        }

        await VisitAsync(new DateTimeOffset(2026, 8, 2, 22, 30, 0, TimeSpan.Zero), true, "Unannounced"); // 2 Aug 23:30 UK: before the range
        await VisitAsync(new DateTimeOffset(2026, 8, 2, 23, 30, 0, TimeSpan.Zero), false, "Announced"); // 3 Aug 00:30 UK
        await VisitAsync(new DateTimeOffset(2026, 8, 3, 8, 0, 0, TimeSpan.Zero), true, "Unannounced");
        await VisitAsync(new DateTimeOffset(2026, 8, 4, 8, 0, 0, TimeSpan.Zero), true, "Announced");
        await VisitAsync(new DateTimeOffset(2026, 8, 5, 8, 0, 0, TimeSpan.Zero), false, "Unannounced");
        await VisitAsync(new DateTimeOffset(2026, 8, 6, 8, 0, 0, TimeSpan.Zero), true, "Unannounced");
        await VisitAsync(new DateTimeOffset(2026, 8, 7, 8, 0, 0, TimeSpan.Zero), true, "Unannounced"); // withdrawn below
        var withdrawn = (await calls.SummaryAsync(id))["version"]!.GetValue<long>();
        await VisitAsync(new DateTimeOffset(2026, 8, 9, 23, 30, 0, TimeSpan.Zero), false, "Unannounced"); // 10 Aug 00:30 UK: after
        etag = await calls.RecordAsync(id, etag, "corrections",
            new JsonObject { ["correctsVersion"] = withdrawn, ["withdraw"] = true, ["reason"] = "Recorded on the wrong offender's record." });

        var visits = (await FiguresAsync("2026-08-03", "2026-08-09"))["visits"]!;

        visits["total"]!.GetValue<int>().ShouldBe(5);
        visits["twoOrMoreOfficers"]!.GetValue<int>().ShouldBe(3);
        visits["singleOfficer"]!.GetValue<int>().ShouldBe(2);
        visits["unannounced"]!.GetValue<int>().ShouldBe(3);
        visits["shareTwoOrMoreOfficers"]!.GetValue<double>().ShouldBe(0.6, 1e-9);
        visits["shareUnannounced"]!.GetValue<double>().ShouldBe(0.6, 1e-9);
    }

    [Fact]
    public async Task breach_decisions_are_counted_by_supervisor_and_outcome_with_the_time_each_took()
    {
        var recorded = new DateTimeOffset(2026, 9, 10, 9, 0, 0, TimeSpan.Zero);
        api.Time.AdjustTime(recorded);
        var (id, etag) = await calls.RegisterAsync(NewManagerId(), NewTeam());
        var breaches = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            var response = await calls.PostAsync(id, etag, "breaches", BreachRequests.NotificationBreach(new DateOnly(2026, 9, 10)));
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            etag = response.Headers.ETag!.Tag;
            breaches.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>());
        }

        var alpha = api.ClientFor(Roles.Supervisor, "DS Alpha");
        var beta = api.ClientFor(Roles.Supervisor, "DS Beta");
        async Task DecideAsync(HttpClient supervisor, int breach, string outcome, double hours, string? reason = null) =>
            etag = await calls.RecordAsync(id, etag, "breaches/decisions",
                BreachRequests.Decision(breaches[breach], outcome, recorded.AddHours(hours), reason), supervisor);

        api.Time.AdjustTime(new DateTimeOffset(2026, 10, 5, 12, 0, 0, TimeSpan.Zero));
        await DecideAsync(alpha, 0, "WarningLetter", 2);
        await DecideAsync(alpha, 1, "WarningLetter", 4);
        await DecideAsync(alpha, 2, "NoFurtherAction", 30, "Notified the new phone the same day when asked.");
        await DecideAsync(beta, 3, "Arrest", 1);
        await DecideAsync(beta, 4, "WarningLetter", 50);
        await DecideAsync(alpha, 5, "CriminalInvestigation", 5); // withdrawn below
        var withdrawn = (await calls.SummaryAsync(id))["version"]!.GetValue<long>();
        await DecideAsync(alpha, 6, "Arrest", 24 * 21); // 1 October: after the range
        etag = await calls.RecordAsync(id, etag, "corrections",
            new JsonObject { ["correctsVersion"] = withdrawn, ["withdraw"] = true, ["reason"] = "Decision recorded against the wrong breach." });

        var decisions = (await FiguresAsync("2026-09-01", "2026-09-30"))["breachDecisions"]!;

        decisions["total"]!.GetValue<int>().ShouldBe(5);
        Outcomes(decisions).ShouldBe(new Dictionary<string, int>
        {
            ["WarningLetter"] = 3, ["CriminalInvestigation"] = 0, ["Arrest"] = 1, ["OrderApplication"] = 0, ["NoFurtherAction"] = 1,
        });
        Delays(decisions["timeToDecide"]!).ShouldBe((5, 4.0, 50.0, 50.0));

        var bySupervisor = decisions["bySupervisor"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!);
        bySupervisor.Keys.ShouldBe(["DS Alpha", "DS Beta"], ignoreOrder: true);
        var a = bySupervisor["DS Alpha"];
        a["userId"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        a["decisions"]!.GetValue<int>().ShouldBe(3);
        a["warningLetters"]!.GetValue<int>().ShouldBe(2);
        a["noFurtherAction"]!.GetValue<int>().ShouldBe(1);
        Outcomes(a)["CriminalInvestigation"].ShouldBe(0);
        Delays(a["timeToDecide"]!).ShouldBe((3, 4.0, 30.0, 30.0));
        var b = bySupervisor["DS Beta"];
        (b["decisions"]!.GetValue<int>(), b["warningLetters"]!.GetValue<int>(), Outcomes(b)["Arrest"]).ShouldBe((2, 1, 1));
        Delays(b["timeToDecide"]!).ShouldBe((2, 1.0, 50.0, 50.0));
    }

    [Fact]
    public async Task a_range_with_nothing_in_it_has_zeros_and_no_distributions()
    {
        var figures = await FiguresAsync("2001-01-01", "2001-12-31");

        figures["visits"]!["total"]!.GetValue<int>().ShouldBe(0);
        figures["visits"]!["shareTwoOrMoreOfficers"].ShouldBeNull();
        figures["breachDecisions"]!["total"]!.GetValue<int>().ShouldBe(0);
        figures["breachDecisions"]!["timeToDecide"].ShouldBeNull();
        figures["breachDecisions"]!["bySupervisor"]!.AsArray().ShouldBeEmpty();
        figures["byKind"]!.AsArray().ShouldAllBe(k => k!["opened"]!.GetValue<int>() == 0);
    }

    [Theory]
    [InlineData("to=2026-06-30", "from")]
    [InlineData("from=2026-06-01", "to")]
    [InlineData("from=yesterday&to=2026-06-30", "from")]
    [InlineData("from=2026-06-01&to=2026-13-01", "to")]
    [InlineData("from=2026-06-02&to=2026-06-01", "to")]
    [InlineData("from=2024-01-01&to=2026-01-01", "to")]
    [InlineData("from=1800-01-01&to=1800-12-31", "from")]
    public async Task a_missing_or_bad_date_or_a_range_longer_than_two_years_is_a_400_naming_the_field(string query, string field)
    {
        var response = await calls.Supervisor.GetAsync($"/compliance/figures?{query}");

        (await ErrorFieldsAsync(response)).ShouldContain(field);
    }

    [Fact]
    public async Task a_range_of_exactly_two_years_and_one_of_a_single_day_are_accepted()
    {
        (await calls.Supervisor.GetAsync("/compliance/figures?from=2024-01-01&to=2025-12-31")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await calls.Supervisor.GetAsync("/compliance/figures?from=2025-12-31&to=2025-12-31")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(Roles.OffenderManager)]
    [InlineData(Roles.MappaPartner)]
    [InlineData(Roles.Auditor)]
    public async Task only_supervisors_may_read_the_figures(string role)
    {
        var response = await api.ClientFor(role).GetAsync("/compliance/figures?from=2026-06-01&to=2026-06-30");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static Dictionary<string, int> Outcomes(JsonNode node) =>
        node["outcomes"]!.AsObject().ToDictionary(o => o.Key, o => o.Value!.GetValue<int>());

    private static (int, double, double, double) Delays(JsonNode delays) => (
        delays["count"]!.GetValue<int>(), delays["medianHours"]!.GetValue<double>(), delays["p90Hours"]!.GetValue<double>(), delays["worstHours"]!.GetValue<double>());
}
