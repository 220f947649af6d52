using System.Net;
using System.Text.Json.Nodes;
using Alba;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;
using static Mosovo.Tests.Compliance.ComplianceQueueCalls;

namespace Mosovo.Tests.Compliance;

/// <summary>
/// The queue through the API. Items are made with single-officer visits (each opens a supervisor review, due
/// 7 days after the visit is recorded). Each test works on a team and managers of its own, so the other tests'
/// items, and obligations that other policies open on registration or visits, never change what it counts:
/// where a test counts everything on a team it filters by the review kind.
/// </summary>
public sealed class when_supervisors_work_the_compliance_queue(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeOffset Start = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Review = TimeSpan.FromDays(7);

    private readonly ComplianceQueueCalls calls = new(api);

    private static string Q(string team, string more = "") => $"?team={Uri.EscapeDataString(team)}&kind={ReviewKind}{more}";

    private string SupervisorToken => api.Token(Roles.Supervisor, "DS Test Supervisor");

    [Fact]
    public async Task items_come_overdue_first_then_by_due_time_and_each_says_what_why_by_when_and_for_whom()
    {
        api.Time.AdjustTime(Start);
        var team = NewTeam();
        var manager = NewManagerId();
        var (first, etag1) = await calls.RegisterAsync(manager, team, "Early");
        var (firstVisit, _) = await calls.SingleOfficerVisitAsync(first, etag1, Start.AddHours(-30));
        api.Time.AdjustTime(Start.AddDays(3));
        var (second, etag2) = await calls.RegisterAsync(manager, team, "Middle");
        await calls.SingleOfficerVisitAsync(second, etag2);
        api.Time.AdjustTime(Start.AddDays(4));
        var (third, etag3) = await calls.RegisterAsync(manager, team, "Late");
        await calls.SingleOfficerVisitAsync(third, etag3);

        // Start + 10 days + 1 hour: the first (due day 7) and second (due day 10) are overdue, the third (due day 11) is not.
        api.Time.AdjustTime(Start.AddDays(10).AddHours(1));
        var queue = await calls.QueueAsync(Q(team));

        var items = Items(queue);
        items.Select(i => i["offenderId"]!.GetValue<Guid>()).ShouldBe([first, second, third]);
        items.Select(i => i["overdue"]!.GetValue<bool>()).ShouldBe([true, true, false]);
        items.Select(i => i["dueAt"]!.GetValue<DateTimeOffset>()).ShouldBe([Start + Review, Start.AddDays(3) + Review, Start.AddDays(4) + Review]);
        queue["total"]!.GetValue<int>().ShouldBe(3);
        queue["overdue"]!.GetValue<int>().ShouldBe(2);

        var item = items[0];
        item["key"]!.GetValue<string>().ShouldBe(ReviewKey(firstVisit));
        item["kind"]!.GetValue<string>().ShouldBe(ReviewKind);
        item["what"]!.GetValue<string>().ShouldContain("Supervisor review of a single-officer visit by DC Visiting DC1234");
        item["what"]!.GetValue<string>().ShouldContain("Second officer called to an emergency.");
        item["why"]!.GetValue<string>().ShouldBe("Unannounced home visit by 1 officer, entry gained");
        item["openedByVersion"]!.GetValue<long>().ShouldBe(firstVisit);
        item["openedByType"]!.GetValue<string>().ShouldBe("HomeVisitRecorded");
        item["openedByOccurredAt"]!.GetValue<DateTimeOffset>().ShouldBe(Start.AddHours(-30));
        item["openedByRecordedAt"]!.GetValue<DateTimeOffset>().ShouldBe(Start);
        item["openedAt"]!.GetValue<DateTimeOffset>().ShouldBe(Start);
        item["reference"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        item["offenderName"]!.GetValue<string>().ShouldBe("Test Early");
        item["team"]!.GetValue<string>().ShouldBe(team);
        item["managerId"]!.GetValue<string>().ShouldBe(manager);
        item["managerName"]!.GetValue<string>().ShouldBe($"DC Manager {manager}");
    }

    [Fact]
    public async Task each_filter_narrows_the_items_and_the_counts()
    {
        api.Time.AdjustTime(Start);
        var team = NewTeam();
        var otherTeam = NewTeam();
        var (m1, m2) = (NewManagerId(), NewManagerId());
        var (a, etagA) = await calls.RegisterAsync(m1, team);
        (_, etagA) = await calls.SingleOfficerVisitAsync(a, etagA);
        await calls.SingleOfficerVisitAsync(a, etagA, officerId: "PC9999");
        var (b, etagB) = await calls.RegisterAsync(m2, team);
        await calls.SingleOfficerVisitAsync(b, etagB);
        var (c, etagC) = await calls.RegisterAsync(m1, otherTeam);
        await calls.SingleOfficerVisitAsync(c, etagC);
        api.Time.AdjustTime(Start.AddDays(2));
        var (d, etagD) = await calls.RegisterAsync(m2, team);
        await calls.SingleOfficerVisitAsync(d, etagD);
        api.Time.AdjustTime(Start.AddDays(8));

        Offenders(await calls.QueueAsync(Q(team))).ShouldBe([a, a, b, d], ignoreOrder: true);
        Offenders(await calls.QueueAsync(Q(otherTeam))).ShouldBe([c]);
        Offenders(await calls.QueueAsync(Q(team, $"&managerId={m1}"))).ShouldBe([a, a]);
        Offenders(await calls.QueueAsync($"?managerId={m1}&kind={ReviewKind}")).ShouldBe([a, a, c], ignoreOrder: true);
        Offenders(await calls.QueueAsync($"?offenderId={b}")).ShouldAllBe(id => id == b);
        Offenders(await calls.QueueAsync($"?offenderId={b}&kind={ReviewKind}")).ShouldBe([b]);
        Offenders(await calls.QueueAsync(Q(team, "&overdue=true"))).ShouldBe([a, a, b], ignoreOrder: true);
        Offenders(await calls.QueueAsync(Q(team, "&overdue=false"))).ShouldBe([d]);
        Offenders(await calls.QueueAsync($"?team={Uri.EscapeDataString(team)}&kind=BreachDecision")).ShouldBeEmpty();

        var counted = await calls.QueueAsync(Q(team, "&overdue=true"));
        counted["total"]!.GetValue<int>().ShouldBe(3);
        counted["filters"]!["overdue"]!.GetValue<bool>().ShouldBeTrue();
        counted["filters"]!["kind"]!.GetValue<string>().ShouldBe(ReviewKind);
    }

    [Theory]
    [InlineData("kind=Nonsense", "kind")]
    [InlineData("kind=singleofficervisitreview", "kind")]
    [InlineData("kind=0", "kind")]
    [InlineData("overdue=perhaps", "overdue")]
    [InlineData("offenderId=not-a-uuid", "offenderId")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    public async Task a_bad_filter_is_a_400_naming_it(string query, string field)
    {
        var response = await api.Scenario(s =>
        {
            s.WithBearerToken(SupervisorToken);
            s.Get.Url($"/compliance/queue?{query}");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        response.MediaType().ShouldBe("application/problem+json");
        (await response.ReadAsJsonAsync<JsonObject>())["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field);
    }

    [Fact]
    public async Task an_unknown_kind_is_refused_with_the_kinds_there_are()
    {
        var response = await api.Scenario(s =>
        {
            s.WithBearerToken(SupervisorToken);
            s.Get.Url("/compliance/queue?kind=Nonsense");
            s.IgnoreStatusCode();
        });

        var errors = (await response.ReadAsJsonAsync<JsonObject>())["errors"]!["kind"]![0]!.GetValue<string>();
        errors.ShouldContain("SingleOfficerVisitReview");
        errors.ShouldContain("PpnSubmission");
    }

    [Fact]
    public async Task pages_follow_one_another_without_overlap_and_the_total_counts_every_page()
    {
        api.Time.AdjustTime(Start);
        var team = NewTeam();
        var manager = NewManagerId();
        var expected = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            api.Time.AdjustTime(Start.AddHours(i));
            var (id, etag) = await calls.RegisterAsync(manager, team);
            var (visit, _) = await calls.SingleOfficerVisitAsync(id, etag, Start.AddHours(i - 1));
            expected.Add($"{id}/{ReviewKey(visit)}");
        }

        var pages = new List<JsonObject>();
        for (var page = 1; page <= 3; page++)
            pages.Add(await calls.QueueAsync(Q(team, $"&page={page}&pageSize=2")));

        pages.Select(p => Items(p).Count).ShouldBe([2, 2, 1]);
        pages.SelectMany(Keys).ShouldBe(expected);
        pages.ShouldAllBe(p => p["total"]!.GetValue<int>() == 5 && p["pageSize"]!.GetValue<int>() == 2);
        pages[2]["pageNumber"]!.GetValue<int>().ShouldBe(3);
        Items(await calls.QueueAsync(Q(team, "&page=4&pageSize=2"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task items_due_at_the_same_moment_are_paged_by_offender_and_key_without_overlap_or_gap()
    {
        api.Time.AdjustTime(Start);
        var team = NewTeam();
        var manager = NewManagerId();
        var all = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (id, etag) = await calls.RegisterAsync(manager, team);
            var (first, etag2) = await calls.SingleOfficerVisitAsync(id, etag);
            var (second, _) = await calls.SingleOfficerVisitAsync(id, etag2, officerId: "PC4242");
            all.Add($"{id}/{ReviewKey(first)}");
            all.Add($"{id}/{ReviewKey(second)}");
        }

        var pages = new List<string>();
        for (var page = 1; page <= 4; page++)
            pages.AddRange(Keys(await calls.QueueAsync(Q(team, $"&page={page}&pageSize=2"))));

        pages.Count.ShouldBe(6);
        pages.ShouldBe(all.OrderBy(k => Guid.Parse(k[..36]).ToString(), StringComparer.Ordinal).ThenBy(k => k[37..], StringComparer.Ordinal));
    }

    [Fact]
    public async Task counts_are_given_per_kind_and_per_manager_with_how_many_are_overdue()
    {
        api.Time.AdjustTime(Start);
        var team = NewTeam();
        var (m1, m2) = (NewManagerId(), NewManagerId());
        var (a, etagA) = await calls.RegisterAsync(m1, team);
        (_, etagA) = await calls.SingleOfficerVisitAsync(a, etagA);
        api.Time.AdjustTime(Start.AddDays(3));
        await calls.SingleOfficerVisitAsync(a, etagA, officerId: "PC7777");
        var (b, etagB) = await calls.RegisterAsync(m2, team);
        await calls.SingleOfficerVisitAsync(b, etagB);
        api.Time.AdjustTime(Start.AddDays(8));

        var queue = await calls.QueueAsync(Q(team, "&pageSize=1"));

        Items(queue).Count.ShouldBe(1);
        var byKind = queue["byKind"]!.AsArray().Single()!;
        byKind["kind"]!.GetValue<string>().ShouldBe(ReviewKind);
        (byKind["open"]!.GetValue<int>(), byKind["overdue"]!.GetValue<int>()).ShouldBe((3, 1));
        var byManager = queue["byManager"]!.AsArray().ToDictionary(m => m!["managerId"]!.GetValue<string>(), m => (m!["open"]!.GetValue<int>(), m["overdue"]!.GetValue<int>()));
        byManager.Count.ShouldBe(2);
        byManager[m1].ShouldBe((2, 1));
        byManager[m2].ShouldBe((1, 0));
        queue["byManager"]!.AsArray().First(m => m!["managerId"]!.GetValue<string>() == m1)!["managerName"]!.GetValue<string>().ShouldBe($"DC Manager {m1}");

        // Counted for a manager across teams (counts read per grouping rather than in one pass over a team's rows).
        var forManager = await calls.QueueAsync($"?managerId={m1}&kind={ReviewKind}");
        var managerKinds = forManager["byKind"]!.AsArray().Single()!;
        (managerKinds["open"]!.GetValue<int>(), managerKinds["overdue"]!.GetValue<int>()).ShouldBe((2, 1));
        var managerRow = forManager["byManager"]!.AsArray().Single()!;
        (managerRow["managerId"]!.GetValue<string>(), managerRow["managerName"]!.GetValue<string>(), managerRow["open"]!.GetValue<int>(), managerRow["overdue"]!.GetValue<int>())
            .ShouldBe((m1, $"DC Manager {m1}", 2, 1));
        (forManager["total"]!.GetValue<int>(), forManager["overdue"]!.GetValue<int>()).ShouldBe((2, 1));

        // Without the kind filter the review kind is still counted the same (other policies' kinds have their own rows).
        var all = await calls.QueueAsync($"?team={Uri.EscapeDataString(team)}&pageSize=1");
        var reviews = all["byKind"]!.AsArray().Single(k => k!["kind"]!.GetValue<string>() == ReviewKind)!;
        (reviews["open"]!.GetValue<int>(), reviews["overdue"]!.GetValue<int>()).ShouldBe((3, 1));
    }

    [Fact]
    public async Task a_supervisor_sees_every_managers_items_and_an_offender_manager_only_their_own_caseload()
    {
        api.Time.AdjustTime(Start);
        var team = NewTeam();
        var (mine, theirs) = (NewManagerId(), NewManagerId());
        var (a, etagA) = await calls.RegisterAsync(mine, team);
        await calls.SingleOfficerVisitAsync(a, etagA);
        var (b, etagB) = await calls.RegisterAsync(theirs, team);
        await calls.SingleOfficerVisitAsync(b, etagB);

        Offenders(await calls.QueueAsync(Q(team))).ShouldBe([a, b], ignoreOrder: true);

        var manager = calls.ManagerWithOfficerId(mine);
        Offenders(await calls.QueueAsync(Q(team), manager)).ShouldBe([a]);
        var askingForAnother = await calls.QueueAsync(Q(team, $"&managerId={theirs}"), manager);
        Offenders(askingForAnother).ShouldBe([a]);
        askingForAnother["filters"]!["managerId"]!.GetValue<string>().ShouldBe(mine);
        Offenders(await calls.QueueAsync($"?offenderId={b}", manager)).ShouldBeEmpty();
        askingForAnother["byManager"]!.AsArray().Select(m => m!["managerId"]!.GetValue<string>()).ShouldBe([mine]);

        // Without a warrant number in the token, the manager's caseload is that of their user id: none of these.
        Offenders(await calls.QueueAsync(Q(team), api.ClientFor(Roles.OffenderManager, "DC No Number"))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Roles.MappaPartner)]
    [InlineData(Roles.Auditor)]
    public async Task partners_and_auditors_may_not_read_the_queue(string role)
    {
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.Token(role, agency: "Probation"));
            s.Get.Url("/compliance/queue");
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
    }

    [Fact]
    public async Task without_a_token_the_queue_answers_401()
    {
        await api.Scenario(s =>
        {
            s.Get.Url("/compliance/queue");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
    }

    [Fact]
    public async Task reallocating_an_offender_moves_their_items_to_the_new_manager_and_team()
    {
        api.Time.AdjustTime(Start);
        var (team, newTeam) = (NewTeam(), NewTeam());
        var (before, after) = (NewManagerId(), NewManagerId());
        var (id, etag) = await calls.RegisterAsync(before, team);
        (_, etag) = await calls.SingleOfficerVisitAsync(id, etag);
        Offenders(await calls.QueueAsync(Q(team), calls.ManagerWithOfficerId(before))).ShouldBe([id]);

        var allocation = new JsonObject
        {
            ["manager"] = new JsonObject { ["id"] = after, ["name"] = "DC New Manager" },
            ["team"] = newTeam,
            ["reason"] = "Moved to the south of the force area.",
        };
        await Allocate(id, etag, allocation, SupervisorToken, HttpStatusCode.Created);

        Offenders(await calls.QueueAsync(Q(team))).ShouldBeEmpty();
        var moved = Items(await calls.QueueAsync(Q(newTeam)));
        moved.Select(i => i["offenderId"]!.GetValue<Guid>()).ShouldBe([id]);
        (moved[0]["managerId"]!.GetValue<string>(), moved[0]["managerName"]!.GetValue<string>()).ShouldBe((after, "DC New Manager"));
        Offenders(await calls.QueueAsync($"?offenderId={id}&kind={ReviewKind}", calls.ManagerWithOfficerId(before))).ShouldBeEmpty();
        Offenders(await calls.QueueAsync($"?offenderId={id}&kind={ReviewKind}", calls.ManagerWithOfficerId(after))).ShouldBe([id]);
    }

    [Fact]
    public async Task only_a_supervisor_may_reallocate()
    {
        api.Time.AdjustTime(Start);
        var (id, etag) = await calls.RegisterAsync(NewManagerId(), NewTeam());

        var allocation = new JsonObject
        {
            ["manager"] = new JsonObject { ["id"] = NewManagerId(), ["name"] = "DC Other" },
            ["team"] = NewTeam(),
            ["reason"] = "Workload.",
        };

        var managerToken = api.Token(Roles.OffenderManager, "DC Test Manager");
        await Allocate(id, etag, allocation, managerToken, HttpStatusCode.Forbidden);

        (await calls.EventCountAsync(id)).ShouldBe(1);
    }

    [Fact]
    public async Task a_reviewed_visit_leaves_the_queue()
    {
        api.Time.AdjustTime(Start);
        var team = NewTeam();
        var (id, etag) = await calls.RegisterAsync(NewManagerId(), team);
        var (visit, etag2) = await calls.SingleOfficerVisitAsync(id, etag);

        await calls.RecordAsync(id, etag2, "visits/reviews", Review(visit), calls.Supervisor);

        Items(await calls.QueueAsync(Q(team))).ShouldBeEmpty();
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.obligations WHERE offender_id = '{id}' AND key = '{ReviewKey(visit)}' AND closed_at IS NOT NULL"))
            .ShouldBe(1);
    }

    private static List<Guid> Offenders(JsonObject queue) => Items(queue).Select(i => i["offenderId"]!.GetValue<Guid>()).ToList();

    private Task<IScenarioResult> Allocate(
        Guid id, string etag, JsonObject allocation, string token, HttpStatusCode answer) =>
        api.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Post.Json(allocation).ToUrl($"/offenders/{id}/allocation");
            s.WithRequestHeader("If-Match", etag);
            s.StatusCodeShouldBe(answer);
        });
}
