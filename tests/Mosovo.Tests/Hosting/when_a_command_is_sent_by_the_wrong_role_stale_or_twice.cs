using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Arms;
using Mosovo.Tests.Breaches;
using Mosovo.Tests.Compliance;
using Mosovo.Tests.Disclosures;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Intelligence;
using Mosovo.Tests.Mappa;
using Mosovo.Tests.Offenders;
using Mosovo.Tests.Orders;
using Mosovo.Tests.Registration;
using Mosovo.Tests.Sharing;
using static Mosovo.Tests.Orders.OrderRequests;

namespace Mosovo.Tests.Hosting;

/// <summary>
/// What every command on an offender's record promises, whatever its area: a role that may not send it gets 403, a
/// supervisor may send it, a stale version gets 409 and a retry with the same Idempotency-Key gets the first answer;
/// none of the refusals and no retry writes anything. The catalogue holds one entry per command: who may send it,
/// what it is recorded as, and how to bring an offender to the state it needs with a valid body for it.
/// </summary>
public sealed class when_a_command_is_sent_by_the_wrong_role_stale_or_twice(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string OnAnOffender = "POST /offenders/{offenderId}/";

    private readonly OffenderCalls _calls = new(api);

    private enum MaySend
    {
        OfficersAndSupervisors,
        Supervisors,
    }

    /// <summary>An offender in the state a command needs, the ETag of that state, and a valid body for the command.</summary>
    private sealed record Ready(Guid Id, string ETag, JsonObject Body);

    /// <summary>One command: its route, who may send it, the timeline entry it makes, and how to get an offender ready for it.</summary>
    private sealed record Command(string Route, MaySend Who, string RecordedAs, Func<Records, Task<Ready>> ReadyAsync)
    {
        public string Path => Route[OnAnOffender.Length..];

        public IEnumerable<string> RolesThatMayNot => Who == MaySend.Supervisors
            ? [Roles.OffenderManager, Roles.MappaPartner, Roles.Auditor]
            : [Roles.MappaPartner, Roles.Auditor];
    }

    /// <summary>The calls the catalogue's set-ups are written with.</summary>
    private sealed class Records(ApiFactory api)
    {
        public OffenderCalls Calls { get; } = new(api);

        public ComplianceQueueCalls Compliance { get; } = new(api);

        public DateTimeOffset Now => Calls.Now;

        public DateOnly Today => Calls.Today;

        /// <summary>A newly registered offender, and the body.</summary>
        public async Task<Ready> RegisteredAsync(JsonObject body)
        {
            var (id, etag) = await Calls.RegisterAsync();
            return new Ready(id, etag, body);
        }

        /// <summary>An offender registered a year before today (as the registration tests register them), and the body.</summary>
        public async Task<Ready> RegisteredLastYearAsync(JsonObject body)
        {
            var (id, etag) = await RegistrationRequests.RegisterAsync(api);
            return new Ready(id, etag, body);
        }

        /// <summary>An offender with one civil order at <paramref name="stage"/>, and the body for that order.</summary>
        public async Task<Ready> OrderAsync(Stage stage, Func<Guid, JsonObject> body)
        {
            var (id, etag, orderId) = await OrderAtAsync(Calls, stage);
            return new Ready(id, etag, body(orderId));
        }

        /// <summary>An offender shared with children's social care for 30 days, and the body for that share.</summary>
        public async Task<Ready> SharedAsync(Func<Guid, JsonObject> body)
        {
            var (id, etag) = await Calls.RegisterAsync();
            var (shareId, next) = await SharingRequests.GrantAsync(api, id, etag, Now.AddDays(30));
            return new Ready(id, next, body(shareId));
        }

        /// <summary>An offender whose single-officer visit awaits a supervisor's review, and the body for that visit.</summary>
        public async Task<Ready> AwaitingAVisitReviewAsync(Func<long, JsonObject> body)
        {
            var (id, etag) = await Calls.RegisterAsync();
            var (visit, next) = await Compliance.SingleOfficerVisitAsync(id, etag);
            return new Ready(id, next, body(visit));
        }

        /// <summary>
        /// An offender with new child contact disclosed five hours ago (which raises a PPN), taken through
        /// <paramref name="steps"/> of the PPN's own commands, and the body for the PPN.
        /// </summary>
        public async Task<Ready> PpnAsync(int steps, Func<Guid, DateTimeOffset, JsonObject> body)
        {
            var received = Now.AddHours(-5);
            var (id, etag) = await Calls.RegisterAsync();
            (_, etag) = await Calls.RecordAsync(id, etag, "disclosures", DisclosureRequests.ChildContact(received));
            var ppnId = (await SafeguardingRequests.PpnsAsync(Calls, id)).Single()!["ppnId"]!.GetValue<Guid>();
            if (steps >= 1)
                (_, etag) = await Calls.RecordAsync(id, etag, "ppns/submissions", SafeguardingRequests.Submission(ppnId, received.AddHours(1)));
            if (steps >= 2)
                (_, etag) = await Calls.RecordAsync(id, etag, "ppns/reviews", SafeguardingRequests.Review(ppnId, received.AddHours(2)), Calls.Supervisor);
            return new Ready(id, etag, body(ppnId, received));
        }
    }

    private static readonly Command[] Catalogue =
    [
        new(OnAnOffender + "visits", MaySend.OfficersAndSupervisors, "home-visit-recorded",
            r => r.RegisteredAsync(OffenderRequests.TwoOfficerVisit(r.Now.AddHours(-1)))),
        new(OnAnOffender + "visits/reviews", MaySend.Supervisors, "single-officer-visit-reviewed",
            r => r.AwaitingAVisitReviewAsync(visit => ComplianceQueueCalls.Review(visit))),
        new(OnAnOffender + "obligations/waivers", MaySend.Supervisors, "obligation-waived",
            r => r.AwaitingAVisitReviewAsync(visit => ComplianceQueueCalls.Waiver(ComplianceQueueCalls.ReviewKey(visit)))),
        new(OnAnOffender + "corrections", MaySend.OfficersAndSupervisors, "record-corrected", async r =>
        {
            var (id, etag) = await r.Calls.RegisterAsync();
            (_, etag) = await r.Calls.RecordAsync(id, etag, "visits", OffenderRequests.TwoOfficerVisit(r.Now.AddHours(-1)));
            return new Ready(id, etag, new JsonObject { ["correctsVersion"] = 2, ["reason"] = "Time was 10:40, not 10:30." });
        }),

        new(OnAnOffender + "notifications", MaySend.OfficersAndSupervisors, "home-address-change-notified",
            r => r.RegisteredLastYearAsync(RegistrationRequests.HomeAddressChange())),
        new(OnAnOffender + "annual-notifications", MaySend.OfficersAndSupervisors, "annual-notification-made",
            r => r.RegisteredLastYearAsync(RegistrationRequests.AnnualNotification())),
        new(OnAnOffender + "registration/end", MaySend.OfficersAndSupervisors, "registration-ended",
            r => r.RegisteredLastYearAsync(RegistrationRequests.End())),
        new(OnAnOffender + "allocation", MaySend.Supervisors, "offender-allocated",
            r => r.RegisteredLastYearAsync(RegistrationRequests.Allocation())),

        new(OnAnOffender + "custody/releases", MaySend.OfficersAndSupervisors, "released-from-custody",
            r => r.RegisteredAsync(new JsonObject
            {
                ["releasedOn"] = r.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["establishment"] = "HMP Exampleton",
                ["onLicence"] = true,
            })),

        new(OnAnOffender + "arms-assessments", MaySend.OfficersAndSupervisors, "arms-assessment-recorded",
            r => r.RegisteredAsync(ArmsRequests.Assessment())),
        new(OnAnOffender + "arms-endorsements", MaySend.Supervisors, "arms-assessment-endorsed", async r =>
        {
            var (id, etag) = await r.Calls.RegisterAsync();
            var (assessmentId, assessed) = await ArmsRequests.RecordedAsync(r.Calls.Manager, id, etag);
            return new Ready(id, assessed, ArmsRequests.Endorsement(assessmentId));
        }),

        new(OnAnOffender + MappaRequests.CategoryPath, MaySend.OfficersAndSupervisors, "mappa-category-changed",
            r => r.RegisteredAsync(MappaRequests.Category())),
        new(OnAnOffender + MappaRequests.LevelPath, MaySend.OfficersAndSupervisors, "mappa-level-changed",
            r => r.RegisteredAsync(MappaRequests.Level())),
        new(OnAnOffender + MappaRequests.MeetingsPath, MaySend.OfficersAndSupervisors, "mappa-meeting-recorded",
            r => r.RegisteredAsync(MappaRequests.Meeting())),

        new(OnAnOffender + SharingRequests.SharesPath, MaySend.Supervisors, "mappa-share-granted",
            r => r.RegisteredAsync(SharingRequests.Grant(r.Now.AddDays(30)))),
        new(OnAnOffender + SharingRequests.RevocationsPath, MaySend.Supervisors, "mappa-share-revoked",
            r => r.SharedAsync(SharingRequests.Revocation)),

        new(OnAnOffender + "intelligence", MaySend.OfficersAndSupervisors, "intelligence-received",
            r => r.RegisteredAsync(IntelligenceRequests.Item())),

        new(OnAnOffender + "disclosures", MaySend.OfficersAndSupervisors, "disclosure-received",
            r => r.RegisteredAsync(DisclosureRequests.ChildContact(r.Now.AddHours(-1)))),
        new(OnAnOffender + "risk-disclosures", MaySend.OfficersAndSupervisors, "risk-disclosure-made", async r =>
        {
            var (id, etag) = await r.Calls.RegisterAsync();
            var (disclosureId, next) = await r.Calls.RecordAsync(id, etag, "disclosures", DisclosureRequests.ChildContact(r.Now.AddHours(-3)));
            return new Ready(id, next, DisclosureRequests.RiskDisclosure(r.Now, disclosureId));
        }),

        new(OnAnOffender + "breaches", MaySend.OfficersAndSupervisors, "breach-recorded",
            r => r.RegisteredAsync(BreachRequests.NotificationBreach(r.Today.AddDays(-1)))),
        new(OnAnOffender + "breaches/decisions", MaySend.Supervisors, "breach-decided", async r =>
        {
            var (id, etag) = await r.Calls.RegisterAsync();
            var (breachId, next) = await r.Calls.RecordAsync(id, etag, "breaches", BreachRequests.NotificationBreach(r.Today.AddDays(-2)));
            return new Ready(id, next, BreachRequests.Decision(breachId, "WarningLetter", r.Now));
        }),

        new(OnAnOffender + "orders", MaySend.OfficersAndSupervisors, "civil-order-drafted",
            r => r.RegisteredAsync(Draft())),
        new(OnAnOffender + "orders/applications", MaySend.OfficersAndSupervisors, "civil-order-applied-for",
            r => r.OrderAsync(Stage.Drafted, order => Application(order, r.Today.AddDays(-1)))),
        new(OnAnOffender + "orders/grants", MaySend.OfficersAndSupervisors, "civil-order-granted",
            r => r.OrderAsync(Stage.AppliedFor, order => Grant(order, r.Today.AddDays(-1), null))),
        new(OnAnOffender + "orders/refusals", MaySend.OfficersAndSupervisors, "civil-order-refused",
            r => r.OrderAsync(Stage.AppliedFor, order => Refusal(order, r.Today))),
        new(OnAnOffender + "orders/variations", MaySend.OfficersAndSupervisors, "civil-order-varied",
            r => r.OrderAsync(Stage.Granted, order => Variation(order, r.Today, "Not to enter any school or nursery."))),
        new(OnAnOffender + "orders/discharges", MaySend.OfficersAndSupervisors, "civil-order-discharged",
            r => r.OrderAsync(Stage.Granted, order => Discharge(order, r.Today, consentGiven: true))),

        new(OnAnOffender + "ppns/submissions", MaySend.OfficersAndSupervisors, "ppn-submitted-to-mash",
            r => r.PpnAsync(0, (ppn, received) => SafeguardingRequests.Submission(ppn, received.AddHours(1)))),
        new(OnAnOffender + "ppns/reviews", MaySend.Supervisors, "ppn-review-checks-recorded",
            r => r.PpnAsync(1, (ppn, received) => SafeguardingRequests.Review(ppn, received.AddHours(2)))),
        new(OnAnOffender + "ppns/shares", MaySend.OfficersAndSupervisors, "ppn-shared",
            r => r.PpnAsync(2, (ppn, received) => SafeguardingRequests.Share(ppn, received.AddHours(3)))),
    ];

    public static TheoryData<string> Commands() => new(Catalogue.Select(c => c.Route));

    public static TheoryData<string, string> CommandsAndRolesThatMayNot()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in Catalogue)
        {
            foreach (var role in command.RolesThatMayNot)
                data.Add(command.Route, role);
        }

        return data;
    }

    private static Command Find(string route) => Catalogue.Single(c => c.Route == route);

    private async Task<Ready> ReadyAsync(Command command) => await command.ReadyAsync(new Records(api));

    /// <summary>Someone who may send the command: the offender manager, or a supervisor if only supervisors may.</summary>
    private HttpClient Sender(Command command) => command.Who == MaySend.Supervisors ? _calls.Supervisor : _calls.Manager;

    [Fact]
    public void the_catalogue_names_each_command_once()
    {
        Catalogue.Select(c => c.Route).ShouldBeUnique();
    }

    [Theory]
    [MemberData(nameof(CommandsAndRolesThatMayNot))]
    public async Task a_role_that_may_not_send_it_gets_403_and_nothing_is_written(string route, string role)
    {
        var command = Find(route);
        var (id, etag, body) = await ReadyAsync(command);
        var events = await _calls.EventCountAsync(id);
        var summary = (await _calls.SummaryAsync(id)).ToJsonString();

        var response = await _calls.PostAsync(id, etag, command.Path, body, api.ClientFor(role, "Someone Else", agency: role == Roles.MappaPartner ? "Probation" : "Police"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _calls.EventCountAsync(id)).ShouldBe(events);
        (await _calls.SummaryAsync(id)).ToJsonString().ShouldBe(summary);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task a_supervisor_may_send_it_and_it_is_recorded(string route)
    {
        var command = Find(route);
        var (id, etag, body) = await ReadyAsync(command);
        var entries = (await TimelineAsync(id)).Count;

        var response = await _calls.PostAsync(id, etag, command.Path, body, _calls.Supervisor);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var timeline = await TimelineAsync(id);
        timeline.Take(timeline.Count - entries).ShouldContain(command.RecordedAs);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task a_stale_version_is_409_naming_the_current_one_and_nothing_is_written(string route)
    {
        var command = Find(route);
        var (id, etag, body) = await ReadyAsync(command);
        // A colleague's visit moves the record on.
        await _calls.RecordAsync(id, etag, "visits", OffenderRequests.TwoOfficerVisit(_calls.Now.AddHours(-1)));
        var events = await _calls.EventCountAsync(id);

        var response = await _calls.PostAsync(id, etag, command.Path, body, Sender(command));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["currentVersion"]!.GetValue<long>().ShouldBe(events);
        (await _calls.EventCountAsync(id)).ShouldBe(events);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task a_retry_with_the_same_idempotency_key_gets_the_first_answer_and_writes_nothing(string route)
    {
        var command = Find(route);
        var (id, etag, body) = await ReadyAsync(command);
        var key = Guid.NewGuid().ToString();
        var first = await _calls.PostAsync(id, etag, command.Path, body, Sender(command), key);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var events = await _calls.EventCountAsync(id);

        var retry = await _calls.PostAsync(id, etag, command.Path, body, Sender(command), key);

        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        retry.Headers.ETag.ShouldBe(first.Headers.ETag);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        (await _calls.EventCountAsync(id)).ShouldBe(events);
    }

    /// <summary>The types of the offender's timeline entries, newest first.</summary>
    private async Task<List<string>> TimelineAsync(Guid id) =>
        (await _calls.Manager.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline"))!["entries"]!.AsArray()
            .Select(e => e!["type"]!.GetValue<string>()).ToList();
}
