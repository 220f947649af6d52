using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Arms;
using Mosovo.Tests.Breaches;
using Mosovo.Tests.Disclosures;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Intelligence;
using Mosovo.Tests.Mappa;
using Mosovo.Tests.Orders;
using Mosovo.Tests.Registration;

namespace Mosovo.Tests.Offenders;

/// <summary>
/// Fifty offenders registered through the API, each then given 19 more entries drawn from every area's
/// commands by a seeded random generator (the same mix on every run; a few offenders open with a fixed
/// sequence for paths a random draw reaches only by luck), written one after another with the ETag of the
/// previous answer, five offenders at a time. While it writes, the test keeps its own model of
/// what each record should say; the tests then read every summary, timeline, caseload and search back.
/// </summary>
public sealed class FiftyOffenders : IAsyncLifetime
{
    public const int Count = 50;
    public const int EntriesEach = 20;

    /// <summary>Change the seed to draw another mix: the checks against the model must pass for any mix.</summary>
    public const int Seed = 20_260_615;

    /// <summary>Offenders written at once: each offender's entries are written in turn, offenders side by side.</summary>
    private const int AtOnce = 5;

    public ApiFactory Api { get; } = new();

    internal IReadOnlyList<ExpectedOffender> Offenders { get; private set; } = [];

    public Writer Reader { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Api).InitializeAsync();
        var writers = new Writers(Api);
        Reader = writers.Manager;
        var now = Clock.Now(Api.Time);
        var offenders = new ExpectedOffender[Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = AtOnce }, async (index, _) =>
        {
            var script = new OffenderScript(writers, new ExpectedOffender(index), new Random(Seed + index), now);
            offenders[index] = await script.RunAsync();
        });
        Offenders = offenders;
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)Api).DisposeAsync();
}

public sealed class when_fifty_offenders_have_twenty_events_each(FiftyOffenders seeded) : IClassFixture<FiftyOffenders>
{
    private readonly IReadOnlyList<ExpectedOffender> _offenders = seeded.Offenders;

    private HttpClient Reader => seeded.Reader.Client;

    /// <summary>Every stored type the mix is meant to exercise: if the generator stops drawing one, this says so.</summary>
    public static readonly IReadOnlyList<string> TypesInTheMix =
    [
        "offender-registered", "home-visit-recorded", "name-change-notified", "home-address-change-notified",
        "stay-at-unnotified-address-notified", "household-with-child-notified", "foreign-travel-notified", "account-or-document-notified",
        "annual-notification-made", "arms-assessment-recorded", "arms-assessment-endorsed", "arms-assessment-returned-for-revision",
        "mappa-level-changed", "mappa-meeting-recorded", "mappa-category-changed", "intelligence-received", "disclosure-received",
        "risk-disclosure-made", "breach-recorded", "breach-decided", "civil-order-drafted", "civil-order-applied-for",
        "civil-order-granted", "offender-allocated", "record-corrected", "ppn-raised",
    ];

    [Fact]
    public async Task every_record_holds_twenty_events_in_the_store_and_the_mix_covers_every_area()
    {
        _offenders.Count.ShouldBe(FiftyOffenders.Count);
        _offenders.ShouldAllBe(o => o.Entries.Count == FiftyOffenders.EntriesEach);
        _offenders.SelectMany(o => o.Entries).Select(e => e.Type).Distinct().ShouldBe(TypesInTheMix, ignoreOrder: true);
        _offenders.ShouldContain(o => o.Visits.Any(v => v.Withdrawn), "some visit is withdrawn");
        _offenders.ShouldContain(o => o.EntryWarrantAvailable, "some offender has had two failed entries in a row");
        _offenders.ShouldContain(o => o.Orders.Any(x => x.Status == "Replaced"), "some order is replaced by a later one");
        _offenders.ShouldContain(o => o.Breaches.Any(b => b.OrderId != null), "some breach is of an order's prohibition");

        var ids = string.Join(",", _offenders.Select(o => $"'{o.Id}'"));
        (await seeded.Api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_events WHERE stream_id IN ({ids})"))
            .ShouldBe(FiftyOffenders.Count * FiftyOffenders.EntriesEach);
        (await seeded.Api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_streams WHERE id IN ({ids}) AND type = 'offender' AND version = {FiftyOffenders.EntriesEach}"))
            .ShouldBe(FiftyOffenders.Count);
    }

    [Fact]
    public async Task every_summary_is_at_version_twenty_and_says_what_was_recorded()
    {
        var problems = new List<string>();
        foreach (var offender in _offenders)
        {
            var response = await Reader.GetAsync($"/offenders/{offender.Id}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.ETag!.Tag.ShouldBe($"\"{FiftyOffenders.EntriesEach}\"");
            var summary = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            problems.AddRange(SummaryCheck.Compare(offender, summary));
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task every_timeline_lists_the_twenty_entries_newest_first_with_their_types_and_who_recorded_them()
    {
        var problems = new List<string>();
        foreach (var offender in _offenders)
        {
            var page = (await Reader.GetFromJsonAsync<JsonObject>($"/offenders/{offender.Id}/timeline?pageSize=100"))!;
            Check(problems, offender, "timeline version", FiftyOffenders.EntriesEach, page["version"]!.GetValue<long>());
            Check(problems, offender, "timeline total", FiftyOffenders.EntriesEach, page["total"]!.GetValue<long>());
            problems.AddRange(CompareEntries(offender, page["entries"]!.AsArray(), "pageSize=100"));
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task every_timeline_read_seven_entries_a_page_gives_the_same_entries_without_gaps_or_repeats()
    {
        const int size = 7;
        var pages = (FiftyOffenders.EntriesEach + size - 1) / size;
        var problems = new List<string>();
        foreach (var offender in _offenders)
        {
            var entries = new JsonArray();
            for (var number = 1; number <= pages + 1; number++)
            {
                var page = (await Reader.GetFromJsonAsync<JsonObject>($"/offenders/{offender.Id}/timeline?page={number}&pageSize={size}"))!;
                Check(problems, offender, $"page {number} total", FiftyOffenders.EntriesEach, page["total"]!.GetValue<long>());
                Check(problems, offender, $"page {number} number", number, page["pageNumber"]!.GetValue<int>());
                var onPage = page["entries"]!.AsArray();
                Check(problems, offender, $"page {number} entries", Math.Clamp(FiftyOffenders.EntriesEach - ((number - 1) * size), 0, size), onPage.Count);
                foreach (var entry in onPage)
                    entries.Add(entry!.DeepClone());
            }

            problems.AddRange(CompareEntries(offender, entries, $"pageSize={size}"));
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task each_managers_and_each_teams_caseload_lists_exactly_the_offenders_allocated_to_them()
    {
        var problems = new List<string>();
        foreach (var managerId in _offenders.Select(o => o.ManagerId).Concat(OffenderScript.Allocations.Select(a => a.ManagerId)).Distinct())
            await CompareCaseload(problems, $"managerId={managerId}", _offenders.Where(o => o.ManagerId == managerId).ToList());
        foreach (var team in _offenders.Select(o => o.Team).Concat(OffenderScript.Allocations.Select(a => a.Team)).Distinct())
            await CompareCaseload(problems, $"team={Uri.EscapeDataString(team)}", _offenders.Where(o => o.Team == team).ToList());

        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_name_search_finds_each_of_a_few_offenders_by_their_name_now_and_the_names_they_had_and_by_reference()
    {
        var renamed = _offenders.Where(o => o.FamilyNames.Count > 1).Take(3);
        foreach (var offender in new[] { _offenders[0], _offenders[17], _offenders[33], _offenders[^1] }.Concat(renamed).Distinct())
        {
            (await Find($"name={Uri.EscapeDataString(offender.GivenNames + " " + offender.FamilyName)}")).ShouldBe([offender.Id], $"offender {offender.Index} by current name");
            foreach (var earlier in offender.FamilyNames)
                (await Find($"name={earlier.ToLowerInvariant()}")).ShouldBe([offender.Id], $"offender {offender.Index} by {earlier}");
            (await Find($"reference={offender.Reference}")).ShouldBe([offender.Id], $"offender {offender.Index} by reference");
        }
    }

    private async Task<List<Guid>> Find(string query) =>
        (await Reader.GetFromJsonAsync<JsonObject>($"/offenders?{query}"))!["offenders"]!.AsArray().Select(o => o!["offenderId"]!.GetValue<Guid>()).ToList();

    private async Task CompareCaseload(List<string> problems, string query, List<ExpectedOffender> expected)
    {
        var caseload = (await Reader.GetFromJsonAsync<JsonObject>($"/caseload?{query}"))!;
        var listed = caseload["offenders"]!.AsArray().Select(o => o!.AsObject()).ToList();
        if (caseload["count"]!.GetValue<int>() != expected.Count || listed.Count != expected.Count)
            problems.Add($"caseload {query}: count {caseload["count"]}, {listed.Count} listed; expected {expected.Count}");
        var ids = listed.Select(o => o["offenderId"]!.GetValue<Guid>()).ToHashSet();
        if (!ids.SetEquals(expected.Select(o => o.Id)))
            problems.Add($"caseload {query}: lists offenders {string.Join(", ", _offenders.Where(o => ids.Contains(o.Id)).Select(o => o.Index))}; expected {string.Join(", ", expected.Select(o => o.Index))}");

        foreach (var item in listed)
        {
            if (expected.FirstOrDefault(o => o.Id == item["offenderId"]!.GetValue<Guid>()) is not { } offender)
                continue;
            Check(problems, offender, $"caseload {query} manager", offender.ManagerId, item["manager"]!["id"]!.GetValue<string>());
            Check(problems, offender, $"caseload {query} team", offender.Team, item["team"]!.GetValue<string>());
            Check(problems, offender, $"caseload {query} riskOfSeriousHarm", offender.LatestAssessment?.RiskOfSeriousHarm, item["riskOfSeriousHarm"]?.GetValue<string>());
            Check(problems, offender, $"caseload {query} lastVisitAt", offender.LastVisitAt, item["lastVisitAt"]?.GetValue<DateTimeOffset>());
            Check(problems, offender, $"caseload {query} nextNotificationDue", OffenderCalls.Day(offender.LastNotifiedOn.AddYears(1)), item["nextNotificationDue"]?.GetValue<string>());
            Check(problems, offender, $"caseload {query} flags", string.Join(",", offender.Flags.Order()),
                string.Join(",", item["flags"]!.AsArray().Select(f => f!.GetValue<string>()).Order()));
        }
    }

    private static List<string> CompareEntries(ExpectedOffender offender, JsonArray entries, string read)
    {
        var problems = new List<string>();
        Check(problems, offender, $"{read}: number of entries", FiftyOffenders.EntriesEach, entries.Count);
        var versions = entries.Select(e => e!["version"]!.GetValue<long>()).ToList();
        var newestFirst = Enumerable.Range(1, FiftyOffenders.EntriesEach).Reverse().Select(v => (long)v).ToList();
        Check(problems, offender, $"{read}: versions", string.Join(",", newestFirst), string.Join(",", versions));

        var written = offender.Entries.ToDictionary(e => e.Version);
        foreach (var entry in entries)
        {
            var version = entry!["version"]!.GetValue<long>();
            if (!written.TryGetValue(version, out var expected))
                continue;
            Check(problems, offender, $"{read}: entry {version} type", expected.Type, entry["type"]!.GetValue<string>());
            Check(problems, offender, $"{read}: entry {version} recordedBy", expected.RecordedBy, entry["recordedBy"]!["name"]!.GetValue<string>());
            var withdrawn = offender.Visits.Any(v => v.Withdrawn && v.Version == version);
            Check(problems, offender, $"{read}: entry {version} marked withdrawn", withdrawn, entry["summary"]!.GetValue<string>().StartsWith("[Withdrawn]", StringComparison.Ordinal));
        }

        return problems;
    }

    private static void Check<T>(List<string> problems, ExpectedOffender offender, string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            problems.Add($"offender {offender.Index} ({offender.Id}) {what}: expected {expected}, was {actual}");
    }
}

/// <summary>The summary of one offender, field by field against the model.</summary>
internal static class SummaryCheck
{
    public static List<string> Compare(ExpectedOffender o, JsonObject summary)
    {
        var problems = new List<string>();
        void Check(string path, object? expected)
        {
            var actual = At(summary, path);
            var expectedText = Text(expected);
            if (!string.Equals(expectedText, actual, StringComparison.Ordinal))
                problems.Add($"offender {o.Index} ({o.Id}) {path}: expected {expectedText ?? "null"}, was {actual ?? "null"}");
        }

        void Count(string path, int expected) => Check(path + ".length", expected);

        Check("version", FiftyOffenders.EntriesEach);
        Check("id", o.Id);

        // Registration and notifications
        Check("identity.reference", o.Reference);
        Check("identity.name.givenNames", o.GivenNames);
        Check("identity.name.familyName", o.FamilyName);
        Check("identity.aliases", string.Join(" | ", o.Aliases));
        Check("identity.address.line1", o.AddressLine1);
        Check("identity.address.postcode", o.Postcode);
        Count("registration.previousAddresses", o.PreviousAddresses);
        Check("registration.lastNotifiedOn", o.LastNotifiedOn);
        Check("registration.nextNotificationDue", o.LastNotifiedOn.AddYears(1));
        Check("registration.lastAnnualNotification.notifiedOn", o.LastAnnualNotification);
        Count("registration.lateNotifications", o.LateNotifications);
        Count("registration.stays", o.Stays);
        Count("registration.householdsWithChildren", o.Households);
        Count("registration.foreignTravel", o.ForeignTrips);
        Count("registration.accountsAndDocuments", o.AccountsAndDocuments);
        Check("registration.endedOn", null);

        // Allocation
        Check("allocation.manager.id", o.ManagerId);
        Check("allocation.manager.name", o.ManagerName);
        Check("allocation.team", o.Team);

        // MAPPA
        Check("mappa.category", o.MappaCategory);
        Check("mappa.level", o.MappaLevel);
        Check("mappa.levelDecidedOn", o.LevelDecidedOn);
        Count("mappa.history", o.MappaChanges);
        Count("mappa.meetings", o.Meetings.Count);
        Check("mappa.latestMeeting.meetingId", o.LatestMeeting?.Id);

        // ARMS
        Count("risk.assessments", o.Assessments.Count);
        for (var i = 0; i < o.Assessments.Count; i++)
        {
            Check($"risk.assessments.{i}.assessmentId", o.Assessments[i].Id);
            Check($"risk.assessments.{i}.endorsement", o.Assessments[i].Endorsement);
        }

        Check("risk.latest.assessmentId", o.LatestAssessment?.Id);
        Check("risk.currentPlan.fromAssessmentId", o.LatestAssessment?.Id);
        Check("risk.riskOfSeriousHarm", o.LatestAssessment?.RiskOfSeriousHarm);
        Check("risk.riskOfReconviction", o.LatestAssessment?.RiskOfReconviction);
        Count("risk.awaitingEndorsement", o.Assessments.Count(a => a.Endorsement == "AwaitingEndorsement"));

        // Visits (withdrawn visits do not count)
        Check("visits.count", o.Visits.Count(v => !v.Withdrawn));
        Check("visits.lastVisitAt", o.LastVisitAt);
        Check("visits.failedEntriesSinceLastEntry", o.FailedEntriesSinceLastEntry);
        Check("visits.entryWarrantAvailable", o.EntryWarrantAvailable);

        // Intelligence
        Check("intelligence.count", o.Intelligence);
        Check("intelligence.significantCount", o.SignificantIntelligence);
        Count("intelligence.items", o.Intelligence);

        // Disclosures
        Count("disclosures.received", o.Received.Count);
        for (var i = 0; i < o.Received.Count; i++)
        {
            Check($"disclosures.received.{i}.disclosureId", o.Received[i].Id);
            Check($"disclosures.received.{i}.isChildContact", o.Received[i].IsChildContact);
            Check($"disclosures.received.{i}.respondedBy", string.Join(" | ", o.Received[i].RespondedBy));
        }

        Count("disclosures.riskDisclosuresMade", o.RiskDisclosures.Count);
        for (var i = 0; i < o.RiskDisclosures.Count; i++)
        {
            Check($"disclosures.riskDisclosuresMade.{i}.riskDisclosureId", o.RiskDisclosures[i].Id);
            Check($"disclosures.riskDisclosuresMade.{i}.respondsToDisclosureId", o.RiskDisclosures[i].RespondsTo);
        }

        // Breaches
        Count("breaches.all", o.Breaches.Count);
        Count("breaches.open", o.Breaches.Count(b => b.Outcome is null));
        for (var i = 0; i < o.Breaches.Count; i++)
        {
            Check($"breaches.all.{i}.breachId", o.Breaches[i].Id);
            Check($"breaches.all.{i}.orderId", o.Breaches[i].OrderId);
            Check($"breaches.all.{i}.decision.outcome", o.Breaches[i].Outcome);
        }

        // Civil orders
        Count("orders.all", o.Orders.Count);
        for (var i = 0; i < o.Orders.Count; i++)
        {
            Check($"orders.all.{i}.orderId", o.Orders[i].Id);
            Check($"orders.all.{i}.kind", o.Orders[i].Kind);
            Check($"orders.all.{i}.status", o.Orders[i].Status);
        }

        var active = o.Orders.Where(x => x.Status == "Granted").ToList();
        Count("orders.active", active.Count);
        for (var i = 0; i < active.Count; i++)
            Check($"orders.active.{i}.orderId", active[i].Id);

        // Corrections
        Count("corrections", o.Corrections.Count);
        for (var i = 0; i < o.Corrections.Count; i++)
        {
            Check($"corrections.{i}.correctsVersion", o.Corrections[i].Version);
            Check($"corrections.{i}.correctsType", o.Corrections[i].Type);
            Check($"corrections.{i}.withdrawn", o.Corrections[i].Withdraws);
        }

        var flags = summary["flags"]!.AsArray().Select(f => f!.GetValue<string>()).Order().ToList();
        if (!flags.SequenceEqual(o.Flags.Order()))
            problems.Add($"offender {o.Index} ({o.Id}) flags: expected {string.Join(",", o.Flags.Order())}, was {string.Join(",", flags)}");
        return problems;
    }

    /// <summary>The value at a dotted path as text: strings as they are, arrays of strings joined with " | ", ".length" for a count.</summary>
    private static string? At(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            if (part == "length")
                return node is JsonArray counted ? counted.Count.ToString(CultureInfo.InvariantCulture) : null;
            node = node switch
            {
                JsonArray array when int.TryParse(part, CultureInfo.InvariantCulture, out var index) => index < array.Count ? array[index] : null,
                JsonObject obj => obj[part],
                _ => null,
            };
            if (node is null)
                return null;
        }

        return node switch
        {
            JsonArray array => string.Join(" | ", array.Select(a => a is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : a?.ToJsonString())),
            JsonValue value when value.GetValueKind() == JsonValueKind.String => NormaliseMoment(value.GetValue<string>()),
            _ => node.ToJsonString(),
        };
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset moment => moment.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Moments compared as instants, whatever offset they were written with.</summary>
    private static string NormaliseMoment(string text) =>
        text.Length > 10 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
            ? moment.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)
            : text;
}

/// <summary>A user the test writes as: a real token for a role and a name.</summary>
public sealed record Writer(string Name, HttpClient Client);

internal sealed class Writers(ApiFactory api)
{
    public Writer Manager { get; } = new("DC Consistency Manager", api.ClientFor(Roles.OffenderManager, "DC Consistency Manager"));

    public Writer OtherManager { get; } = new("DC Second Manager", api.ClientFor(Roles.OffenderManager, "DC Second Manager"));

    /// <summary>Endorses ARMS assessments, so never records one.</summary>
    public Writer Supervisor { get; } = new("DS Consistency Supervisor", api.ClientFor(Roles.Supervisor, "DS Consistency Supervisor"));

    public Writer OtherSupervisor { get; } = new("DS Second Supervisor", api.ClientFor(Roles.Supervisor, "DS Second Supervisor"));
}

internal sealed record WrittenEntry(long Version, string Type, string RecordedBy);

internal sealed record ExpectedVisit(long Version, DateTimeOffset VisitedAt, bool EntryGained, bool SingleOfficer = false)
{
    public bool Withdrawn { get; set; }
}

internal sealed record ExpectedAssessment(Guid Id, DateOnly AssessedOn, string RiskOfSeriousHarm, string RiskOfReconviction)
{
    public string Endorsement { get; set; } = "AwaitingEndorsement";
}

internal sealed record ExpectedMeeting(Guid Id, DateOnly HeldOn);

internal sealed record ExpectedReceived(Guid Id, DateTimeOffset ReceivedAt, bool IsChildContact)
{
    public List<Guid> RespondedBy { get; } = [];
}

internal sealed record ExpectedRiskDisclosure(Guid Id, Guid? RespondsTo);

internal sealed record ExpectedBreach(Guid Id, DateOnly OccurredOn, Guid? OrderId)
{
    public string? Outcome { get; set; }
}

internal sealed record ExpectedOrder(Guid Id, string Kind)
{
    public string Status { get; set; } = "Drafted";

    public DateOnly? AppliedOn { get; set; }

    public DateOnly? GrantedOn { get; set; }
}

internal sealed record ExpectedCorrection(long Version, string Type, bool Withdraws);

/// <summary>What one offender's record should say, as the test wrote it.</summary>
internal sealed class ExpectedOffender(int index)
{
    public int Index { get; } = index;

    public Guid Id { get; set; }

    public string Reference { get; set; } = "";

    public List<WrittenEntry> Entries { get; } = [];

    public string GivenNames { get; set; } = "";

    public string FamilyName { get; set; } = "";

    /// <summary>Every family name the offender has had, the first first.</summary>
    public List<string> FamilyNames { get; } = [];

    public List<string> Aliases { get; } = [];

    public string AddressLine1 { get; set; } = "";

    public string Postcode { get; set; } = "";

    public int PreviousAddresses { get; set; }

    public DateOnly LastNotifiedOn { get; set; }

    public DateOnly? LastAnnualNotification { get; set; }

    public int LateNotifications { get; set; }

    public int Stays { get; set; }

    public int Households { get; set; }

    public int ForeignTrips { get; set; }

    public int AccountsAndDocuments { get; set; }

    public string ManagerId { get; set; } = "";

    public string ManagerName { get; set; } = "";

    public string Team { get; set; } = "";

    public int MappaCategory { get; set; } = 1;

    public int? MappaLevel { get; set; }

    public DateOnly? LevelDecidedOn { get; set; }

    public int MappaChanges { get; set; }

    public List<ExpectedMeeting> Meetings { get; } = [];

    public List<ExpectedAssessment> Assessments { get; } = [];

    public List<ExpectedVisit> Visits { get; } = [];

    public int Intelligence { get; set; }

    public int SignificantIntelligence { get; set; }

    public List<ExpectedReceived> Received { get; } = [];

    public List<ExpectedRiskDisclosure> RiskDisclosures { get; } = [];

    public List<ExpectedBreach> Breaches { get; } = [];

    public List<ExpectedOrder> Orders { get; } = [];

    public List<ExpectedCorrection> Corrections { get; } = [];

    /// <summary>The latest meeting by the day held; of two on one day, the one recorded later.</summary>
    public ExpectedMeeting? LatestMeeting => Meetings.Aggregate((ExpectedMeeting?)null, (latest, m) => latest is null || m.HeldOn >= latest.HeldOn ? m : latest);

    /// <summary>The latest ARMS assessment by the day assessed; of two on one day, the one recorded later.</summary>
    public ExpectedAssessment? LatestAssessment =>
        Assessments.Aggregate((ExpectedAssessment?)null, (latest, a) => latest is null || a.AssessedOn >= latest.AssessedOn ? a : latest);

    private IEnumerable<ExpectedVisit> CountedVisits => Visits.Where(v => !v.Withdrawn);

    public DateTimeOffset? LastVisitAt => CountedVisits.Select(v => (DateTimeOffset?)v.VisitedAt).Max();

    /// <summary>Failed entries since entry was last gained, over the visits in the order recorded.</summary>
    public int FailedEntriesSinceLastEntry => CountedVisits.Aggregate(0, (failed, v) => v.EntryGained ? 0 : failed + 1);

    /// <summary>s.96B: more than once unable to gain entry.</summary>
    public bool EntryWarrantAvailable => FailedEntriesSinceLastEntry >= 2;

    public IEnumerable<string> Flags
    {
        get
        {
            if (EntryWarrantAvailable) yield return "EntryWarrantAvailable";
            if (Breaches.Any(b => b.Outcome is null)) yield return "UndecidedBreach";
            if (GroomingRisk) yield return "GroomingRisk";
        }
    }

    /// <summary>
    /// Two single-officer visits in a row by the same officer (every single-officer visit here is by DC1234)
    /// raise the grooming-risk flag; nothing here reviews them, so it stays.
    /// </summary>
    public bool GroomingRisk
    {
        get
        {
            var run = 0;
            foreach (var visit in CountedVisits)
            {
                run = visit.SingleOfficer ? run + 1 : 0;
                if (run >= 2) return true;
            }

            return false;
        }
    }
}

/// <summary>
/// Writes one offender's record: the registration, then 19 entries, each drawn from the commands the record
/// allows at that point (an endorsement needs an assessment awaiting one, a grant an application, ...), each
/// sent with the ETag of the previous answer and required to be accepted. Updates the model as it goes.
/// </summary>
internal sealed class OffenderScript(Writers writers, ExpectedOffender model, Random random, Now now)
{
    public static readonly IReadOnlyList<(string ManagerId, string ManagerName, string Team)> Allocations =
    [
        ("DC1001", "DC Ann Able", "North MOSOVO"),
        ("DC1002", "DC Ben Baker", "North MOSOVO"),
        ("DC1003", "DC Cat Cole", "South MOSOVO"),
        ("DC1004", "DC Dan Dale", "South MOSOVO"),
        ("DC1001", "DC Ann Able", "South MOSOVO"),
        ("DC1005", "DC Eve Eden", "East MOSOVO"),
    ];

    private static readonly string[] GivenNames = ["Alex", "Sam", "Jo", "Chris", "Pat", "Robin", "Kim", "Lee"];

    private static readonly DateOnly RegisteredOn = DateOnly.Parse(RegistrationRequests.RegisteredOn, CultureInfo.InvariantCulture);

    private static readonly string[] SignificantTypes =
        ["intelligence-received", "mappa-level-changed", "breach-recorded", "home-address-change-notified", "disclosure-received"];

    private string _etag = "";
    private int _names;
    private int _addresses;
    private int _accounts;

    private DateOnly Today => now.Today;

    private T Pick<T>(IReadOnlyList<T> from) => from[random.Next(from.Count)];

    private bool Chance(int percent) => random.Next(100) < percent;

    private DateOnly DayBetween(DateOnly from, DateOnly to) => from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));

    /// <summary>A moment between the registration day and a couple of minutes ago.</summary>
    private DateTimeOffset MomentSince(DateTimeOffset from)
    {
        var latest = now.Moment.AddMinutes(-2);
        var minutes = (int)(latest - from).TotalMinutes;
        return from.AddMinutes(random.Next(Math.Max(minutes, 0) + 1));
    }

    public async Task<ExpectedOffender> RunAsync()
    {
        await RegisterAsync();
        await PrologueAsync();
        while (model.Entries.Count < FiftyOffenders.EntriesEach)
        {
            var choices = Choices().Where(c => c.Weight > 0).ToList();
            var roll = random.Next(choices.Sum(c => c.Weight));
            foreach (var (weight, write) in choices)
            {
                if (roll < weight)
                {
                    await write();
                    break;
                }

                roll -= weight;
            }
        }

        return model;
    }

    /// <summary>
    /// A few fixed openings, so that paths a random mix reaches only by luck are written whatever the seed: on
    /// every tenth offender an SHPO granted and then replaced by a second one, and a breach of its prohibition;
    /// on another, three failed entries of which the middle one is withdrawn (two still count, so s.96B applies).
    /// </summary>
    private async Task PrologueAsync()
    {
        if (model.Index % 10 == 9)
        {
            for (var i = 0; i < 2; i++)
            {
                await DraftOrderAsync("Shpo");
                await ApplyForOrderAsync();
                await GrantOrderAsync(afterEarlier: true);
            }

            await BreachAsync(ofOrder: true);
        }
        else if (model.Index % 10 == 4)
        {
            await VisitAsync(twoOfficers: true, entryGained: false);
            await VisitAsync(twoOfficers: false, entryGained: false);
            await VisitAsync(twoOfficers: true, entryGained: false);
            await WithdrawVisitAsync(model.Visits[1]);
        }
    }

    private Writer AnyRecorder => Pick([writers.Manager, writers.OtherManager, writers.Supervisor, writers.OtherSupervisor]);

    private Writer AnySupervisor => Pick([writers.Supervisor, writers.OtherSupervisor]);

    /// <summary>What may be written next, with how often to draw it. Commands whose precondition is not met weigh 0.</summary>
    private IEnumerable<(int Weight, Func<Task> Write)> Choices()
    {
        yield return (3, () => VisitAsync(twoOfficers: true));
        yield return (3, () => VisitAsync(twoOfficers: false));
        yield return (5, NotificationAsync);
        yield return (1, AnnualNotificationAsync);
        yield return (3, ArmsAssessmentAsync);
        yield return (model.Assessments.Any(a => a.Endorsement == "AwaitingEndorsement") ? 3 : 0, ArmsReviewAsync);
        yield return (2, MappaLevelAsync);
        yield return (2, MappaMeetingAsync);
        yield return (1, MappaCategoryAsync);
        yield return (3, IntelligenceAsync);
        yield return (3, DisclosureAsync);
        yield return (2, RiskDisclosureAsync);
        yield return (2, () => BreachAsync(ofOrder: Chance(50)));
        yield return (model.Breaches.Any(b => b.Outcome is null) ? 3 : 0, BreachDecisionAsync);
        yield return (3, () => DraftOrderAsync(Chance(70) ? "Shpo" : "Sro"));
        yield return (model.Orders.Any(o => o.Status == "Drafted") ? 5 : 0, ApplyForOrderAsync);
        yield return (model.Orders.Any(o => o.Status == "AppliedFor") ? 5 : 0, () => GrantOrderAsync(afterEarlier: Chance(75)));
        yield return (2, AllocateAsync);
        yield return (model.Visits.Any(v => !v.Withdrawn) ? 2 : 0, () => WithdrawVisitAsync(Pick(model.Visits.Where(v => !v.Withdrawn).ToList())));
        yield return (1, CorrectionNoteAsync);
    }

    private async Task RegisterAsync()
    {
        var allocation = Allocations[model.Index % Allocations.Count];
        model.GivenNames = GivenNames[model.Index % GivenNames.Length];
        model.FamilyName = NextFamilyName();
        model.AddressLine1 = string.Create(CultureInfo.InvariantCulture, $"{model.Index} Consistency Street");
        model.Postcode = string.Create(CultureInfo.InvariantCulture, $"ZZ{model.Index % 10} 1AA");
        (model.ManagerId, model.ManagerName, model.Team) = allocation;
        model.LastNotifiedOn = RegisteredOn;

        var body = RegistrationRequests.Registration();
        body["name"] = new JsonObject { ["givenNames"] = model.GivenNames, ["familyName"] = model.FamilyName };
        body["aliases"] = new JsonArray();
        body["address"] = new JsonObject { ["line1"] = model.AddressLine1, ["town"] = "Demotown", ["postcode"] = model.Postcode };
        body["manager"] = new JsonObject { ["id"] = allocation.ManagerId, ["name"] = allocation.ManagerName };
        body["team"] = allocation.Team;

        var writer = Pick([writers.Manager, writers.OtherManager]);
        using var response = await writer.Client.PostAsJsonAsync("/offenders", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, $"offender {model.Index}: POST /offenders answered {text}");
        var answer = JsonNode.Parse(text)!.AsObject();
        answer["version"]!.GetValue<long>().ShouldBe(1);
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        model.Id = answer["offenderId"]!.GetValue<Guid>();
        model.Reference = answer["reference"]!.GetValue<string>();
        _etag = response.Headers.ETag.Tag;
        model.Entries.Add(new WrittenEntry(1, "offender-registered", writer.Name));
    }

    /// <summary>Posts one command with the ETag of the previous answer; it must be accepted as the next version.</summary>
    private async Task<JsonObject> WriteAsync(Writer writer, string path, JsonObject body, string type, string? followUpType = null)
    {
        var version = model.Entries.Count + 1;
        // A record the system makes at once in the same append (the automatic PPN) takes the next version.
        var last = followUpType is null ? version : version + 1;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/offenders/{model.Id}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", _etag);
        using var response = await writer.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var context = $"offender {model.Index} ({model.Id}), entry {version}: POST {path} as {writer.Name} with {body.ToJsonString()} answered {(int)response.StatusCode} {text}";
        response.StatusCode.ShouldBe(HttpStatusCode.Created, context);
        var answer = JsonNode.Parse(text)!.AsObject();
        answer["version"]!.GetValue<long>().ShouldBe(last, context);
        response.Headers.ETag!.Tag.ShouldBe(string.Create(CultureInfo.InvariantCulture, $"\"{last}\""), context);
        _etag = response.Headers.ETag.Tag;
        model.Entries.Add(new WrittenEntry(version, type, writer.Name));
        if (followUpType is not null)
            model.Entries.Add(new WrittenEntry(last, followUpType, writer.Name));
        return answer;
    }

    private static Guid IdOf(JsonObject answer) => answer["id"]!.GetValue<Guid>();

    private static string Day(DateOnly day) => OffenderCalls.Day(day);

    private string NextFamilyName()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"Zed{model.Index:D2}n{_names++:D2}");
        model.FamilyNames.Add(name);
        return name;
    }

    // Home visits

    private async Task VisitAsync(bool twoOfficers, bool? entryGained = null)
    {
        var at = MomentSince(Clock.StartOf(RegisteredOn));
        var gained = entryGained ?? Chance(twoOfficers ? 70 : 45);
        var body = twoOfficers ? OffenderRequests.TwoOfficerVisit(at) : OffenderRequests.SingleOfficerVisit(at, gained);
        body["entryGained"] = gained;
        body["kind"] = Chance(50) ? "Announced" : "Unannounced";
        var version = model.Entries.Count + 1;
        await WriteAsync(AnyRecorder, "visits", body, "home-visit-recorded");
        model.Visits.Add(new ExpectedVisit(version, at, gained, SingleOfficer: !twoOfficers));
    }

    // Notifications of change (s.84, s.86 and the 2012 Regulations) and the annual notification (s.85)

    private async Task NotificationAsync()
    {
        var notifiedOn = DayBetween(RegisteredOn, Today);
        var kind = random.Next(8);
        JsonObject body;
        string type;
        DateOnly dueBy;
        var restartsClock = true;
        switch (kind)
        {
            case 0:
            {
                var changedOn = notifiedOn.AddDays(-random.Next(6));
                var family = NextFamilyName();
                var given = Pick(GivenNames);
                body = RegistrationRequests.NameChange(Day(changedOn), Day(notifiedOn));
                body["nameChange"]!["givenNames"] = given;
                body["nameChange"]!["familyName"] = family;
                type = "name-change-notified";
                dueBy = changedOn.AddDays(2);
                model.Aliases.Add($"{model.GivenNames} {model.FamilyName}");
                (model.GivenNames, model.FamilyName) = (given, family);
                break;
            }

            case 1:
            {
                var changedOn = notifiedOn.AddDays(-random.Next(6));
                var line1 = string.Create(CultureInfo.InvariantCulture, $"{++_addresses} Moved Road, flat {model.Index}");
                var postcode = string.Create(CultureInfo.InvariantCulture, $"ZZ{_addresses % 10} {model.Index % 10}BB");
                body = RegistrationRequests.HomeAddressChange(Day(changedOn), Day(notifiedOn));
                body["homeAddressChange"]!["address"] = RegistrationRequests.Address(line1, postcode);
                type = "home-address-change-notified";
                dueBy = changedOn.AddDays(2);
                model.PreviousAddresses++;
                (model.AddressLine1, model.Postcode) = (line1, postcode);
                break;
            }

            case 2:
            {
                var from = notifiedOn.AddDays(-random.Next(5, 14));
                var to = Chance(50) ? from.AddDays(random.Next(2, 20)) : (DateOnly?)null;
                body = RegistrationRequests.Stay();
                body["notifiedOn"] = Day(notifiedOn);
                body["stay"]!["from"] = Day(from);
                body["stay"]!["to"] = to is { } last ? Day(last) : null;
                type = "stay-at-unnotified-address-notified";
                var qualifiesOn = to is { } end && end < from.AddDays(6) ? end : from.AddDays(6);
                dueBy = qualifiesOn.AddDays(2);
                model.Stays++;
                break;
            }

            case 3:
            {
                var from = notifiedOn.AddDays(-random.Next(6));
                body = RegistrationRequests.Household(childPresent: Chance(50));
                body["notifiedOn"] = Day(notifiedOn);
                body["household"]!["from"] = Day(from);
                type = "household-with-child-notified";
                dueBy = from.AddDays(2);
                model.Households++;
                break;
            }

            case 4:
            {
                // Notice of 8 to 60 days, or short notice with a reason, or short notice without one (late).
                var shape = random.Next(3);
                var departure = notifiedOn.AddDays(shape == 0 ? random.Next(8, 61) : random.Next(2, 7));
                body = RegistrationRequests.ForeignTravel(Day(notifiedOn), Day(departure), shape == 1 ? "Father taken ill abroad." : null);
                body["foreignTravel"]!["returnOn"] = Day(departure.AddDays(random.Next(1, 21)));
                type = "foreign-travel-notified";
                dueBy = departure.AddDays(shape == 1 ? -1 : -7);
                restartsClock = false; // s.85(2): travel is not a notification under s.84(1)
                model.ForeignTrips++;
                break;
            }

            default:
            {
                var changedOn = notifiedOn.AddDays(-random.Next(6));
                var number = ++_accounts;
                body = kind switch
                {
                    5 => RegistrationRequests.PaymentCard(string.Create(CultureInfo.InvariantCulture, $"{number:D4}")),
                    6 => RegistrationRequests.Passport(string.Create(CultureInfo.InvariantCulture, $"P{model.Index:D2}X{number:D4}")),
                    _ => BankAccount(number),
                };
                body["notifiedOn"] = Day(notifiedOn);
                body["accountOrDocument"]!["changedOn"] = Day(changedOn);
                type = "account-or-document-notified";
                dueBy = changedOn.AddDays(2);
                model.AccountsAndDocuments++;
                break;
            }
        }

        await WriteAsync(AnyRecorder, "notifications", body, type);
        if (notifiedOn > dueBy) model.LateNotifications++;
        if (restartsClock && notifiedOn > model.LastNotifiedOn) model.LastNotifiedOn = notifiedOn;
    }

    private static JsonObject BankAccount(int number)
    {
        var body = RegistrationRequests.PaymentCard(string.Create(CultureInfo.InvariantCulture, $"{number:D4}"));
        body["kind"] = "BankAccount";
        body["accountOrDocument"]!["issuer"] = "Demo Bank plc";
        return body;
    }

    /// <summary>Made on time: on or after the last notification, within a month of it (it is due a year after).</summary>
    private async Task AnnualNotificationAsync()
    {
        var last = model.LastNotifiedOn;
        var notifiedOn = DayBetween(last, last.AddDays(30) < Today ? last.AddDays(30) : Today);
        await WriteAsync(AnyRecorder, "annual-notifications", RegistrationRequests.AnnualNotification(Day(notifiedOn)), "annual-notification-made");
        model.LastAnnualNotification = notifiedOn;
        model.LastNotifiedOn = notifiedOn;
    }

    // ARMS

    private static readonly string[] Levels = ["Low", "Medium", "High", "VeryHigh"];

    private static readonly string[] SignificantEvents =
        ["NewChildContact", "NewRelationship", "ChangeOfAddress", "Breach", "ArrestOrCharge", "ReleaseFromCustody", "MappaLevelChange", "SignificantIntelligence"];

    private async Task ArmsAssessmentAsync()
    {
        var assessedOn = DayBetween(RegisteredOn, Today);
        var (seriousHarm, reconviction) = (Pick(Levels), Pick(Levels));
        var body = ArmsRequests.Assessment(Day(assessedOn), seriousHarm, reconviction);
        var candidates = model.Entries.Where(e => SignificantTypes.Contains(e.Type)).ToList();
        if (model.Assessments.Count == 0)
        {
            body["promptedBy"] = new JsonObject { ["kind"] = "InitialAssessment" };
        }
        else if (candidates.Count > 0 && Chance(60))
        {
            var prompt = Pick(candidates);
            var kind = prompt.Type switch
            {
                "intelligence-received" => "SignificantIntelligence",
                "mappa-level-changed" => "MappaLevelChange",
                "breach-recorded" => "Breach",
                "home-address-change-notified" => "ChangeOfAddress",
                _ => "NewChildContact",
            };
            body["promptedBy"] = new JsonObject { ["kind"] = "SignificantEvent", ["significantEvent"] = kind, ["eventVersion"] = prompt.Version };
        }
        else if (Chance(50))
        {
            body["promptedBy"] = new JsonObject { ["kind"] = "SignificantEvent", ["significantEvent"] = Pick(SignificantEvents) };
        }

        // The endorsing supervisor never records assessments, so that every endorsement is by someone else.
        var answer = await WriteAsync(Pick([writers.Manager, writers.OtherManager, writers.OtherSupervisor]), "arms-assessments", body, "arms-assessment-recorded");
        model.Assessments.Add(new ExpectedAssessment(IdOf(answer), assessedOn, seriousHarm, reconviction));
    }

    private async Task ArmsReviewAsync()
    {
        var assessment = Pick(model.Assessments.Where(a => a.Endorsement == "AwaitingEndorsement").ToList());
        var endorse = Chance(75);
        var body = endorse
            ? ArmsRequests.Endorsement(assessment.Id)
            : ArmsRequests.Endorsement(assessment.Id, "ReturnedForRevision", "The plan has no action on the household's children.");
        await WriteAsync(writers.Supervisor, "arms-endorsements", body, endorse ? "arms-assessment-endorsed" : "arms-assessment-returned-for-revision");
        assessment.Endorsement = endorse ? "Endorsed" : "ReturnedForRevision";
    }

    // MAPPA

    private async Task MappaLevelAsync()
    {
        var level = Pick(new[] { 1, 2, 3 }.Where(l => l != model.MappaLevel).ToList());
        var earliest = model.LevelDecidedOn is { } previous && previous > RegisteredOn ? previous : RegisteredOn;
        var decidedOn = DayBetween(earliest, Today);
        await WriteAsync(AnyRecorder, MappaRequests.LevelPath, MappaRequests.Level(level, Day(decidedOn)), "mappa-level-changed");
        (model.MappaLevel, model.LevelDecidedOn) = (level, decidedOn);
        model.MappaChanges++;
    }

    private async Task MappaMeetingAsync()
    {
        // The builder's first action is due on 14 June 2026, and an action cannot be due before the meeting.
        var heldOn = DayBetween(RegisteredOn, new DateOnly(2026, 6, 14) < Today ? new DateOnly(2026, 6, 14) : Today);
        var body = MappaRequests.Meeting(Day(heldOn), random.Next(1, 4), Day(heldOn.AddDays(random.Next(28, 120))));
        var answer = await WriteAsync(AnyRecorder, MappaRequests.MeetingsPath, body, "mappa-meeting-recorded");
        model.Meetings.Add(new ExpectedMeeting(IdOf(answer), heldOn));
    }

    private async Task MappaCategoryAsync()
    {
        var category = Pick(new[] { 1, 2, 3 }.Where(c => c != model.MappaCategory).ToList());
        await WriteAsync(AnyRecorder, MappaRequests.CategoryPath, MappaRequests.Category(category), "mappa-category-changed");
        model.MappaCategory = category;
        model.MappaChanges++;
    }

    // Intelligence

    private async Task IntelligenceAsync()
    {
        var significant = Chance(40);
        var body = IntelligenceRequests.Item(significant);
        body["receivedOn"] = Day(DayBetween(RegisteredOn, Today));
        await WriteAsync(AnyRecorder, "intelligence", body, "intelligence-received");
        model.Intelligence++;
        if (significant) model.SignificantIntelligence++;
    }

    // Disclosures received, and risk disclosures made

    private async Task DisclosureAsync()
    {
        var receivedAt = MomentSince(Clock.StartOf(RegisteredOn));
        // Child contact adds the automatic PPN as a second entry: only when two entries are left to write.
        var twoLeft = model.Entries.Count <= FiftyOffenders.EntriesEach - 2;
        var (body, childContact) = (twoLeft ? random.Next(5) : 2 + random.Next(3)) switch
        {
            0 => (DisclosureRequests.ChildContact(receivedAt), true),
            1 => (DisclosureRequests.Relationship(receivedAt, partnerHasChildren: true), true),
            2 => (DisclosureRequests.Relationship(receivedAt, partnerHasChildren: false), false),
            3 => (DisclosureRequests.Employment(receivedAt, accessToChildren: true), false),
            _ => (DisclosureRequests.Employment(receivedAt, accessToChildren: false), false),
        };
        var answer = await WriteAsync(AnyRecorder, "disclosures", body, "disclosure-received", childContact ? "ppn-raised" : null);
        model.Received.Add(new ExpectedReceived(IdOf(answer), receivedAt, childContact));
    }

    private async Task RiskDisclosureAsync()
    {
        var respondsTo = model.Received.Count > 0 && Chance(70) ? Pick(model.Received) : null;
        var disclosedAt = MomentSince(respondsTo?.ReceivedAt ?? Clock.StartOf(RegisteredOn));
        var answer = await WriteAsync(AnyRecorder, "risk-disclosures", DisclosureRequests.RiskDisclosure(disclosedAt, respondsTo?.Id), "risk-disclosure-made");
        var id = IdOf(answer);
        model.RiskDisclosures.Add(new ExpectedRiskDisclosure(id, respondsTo?.Id));
        respondsTo?.RespondedBy.Add(id);
    }

    // Breaches, and supervisors' decisions on them

    /// <param name="ofOrder">A breach of a prohibition of an order in force, when there is one; else of notification requirements or the plan.</param>
    private async Task BreachAsync(bool ofOrder)
    {
        var active = model.Orders.Where(o => o.Status == "Granted").ToList();
        JsonObject body;
        DateOnly occurredOn;
        Guid? orderId = null;
        if (active.Count > 0 && ofOrder)
        {
            var order = Pick(active);
            occurredOn = DayBetween(order.GrantedOn!.Value, Today);
            orderId = order.Id;
            body = BreachRequests.OrderBreach(order.Id, OrderRequests.NoUnsupervisedContact, occurredOn, order.Kind == "Shpo" ? "ShpoProhibition" : "SroProhibition");
        }
        else
        {
            occurredOn = DayBetween(RegisteredOn, Today);
            body = BreachRequests.NotificationBreach(occurredOn);
            if (Chance(40)) body["kind"] = "RiskManagementPlan";
        }

        var answer = await WriteAsync(AnyRecorder, "breaches", body, "breach-recorded");
        model.Breaches.Add(new ExpectedBreach(IdOf(answer), occurredOn, orderId));
    }

    private static readonly string[] Outcomes = ["WarningLetter", "CriminalInvestigation", "Arrest", "OrderApplication", "NoFurtherAction"];

    private async Task BreachDecisionAsync()
    {
        var breach = Pick(model.Breaches.Where(b => b.Outcome is null).ToList());
        var outcome = Pick(Outcomes);
        var decidedAt = now.Moment.AddMinutes(-random.Next(1, 120));
        var body = BreachRequests.Decision(breach.Id, outcome, decidedAt, outcome == "NoFurtherAction" ? "Notified the device the same day when asked." : null);
        await WriteAsync(AnySupervisor, "breaches/decisions", body, "breach-decided");
        breach.Outcome = outcome;
    }

    // Civil orders: draft, application, grant

    private async Task DraftOrderAsync(string kind)
    {
        var answer = await WriteAsync(AnyRecorder, "orders", OrderRequests.Draft(kind), "civil-order-drafted");
        model.Orders.Add(new ExpectedOrder(IdOf(answer), kind));
    }

    private async Task ApplyForOrderAsync()
    {
        var order = Pick(model.Orders.Where(o => o.Status == "Drafted").ToList());
        var appliedOn = DayBetween(RegisteredOn, Today);
        await WriteAsync(AnyRecorder, "orders/applications", OrderRequests.Application(order.Id, appliedOn), "civil-order-applied-for");
        (order.Status, order.AppliedOn) = ("AppliedFor", appliedOn);
    }

    /// <summary>Until further order. A grant replaces the orders of its kind granted on or before its day (s.103C(6)).</summary>
    /// <param name="afterEarlier">Granted on or after the orders of its kind already granted, so that it replaces them; else on any day after the application.</param>
    private async Task GrantOrderAsync(bool afterEarlier)
    {
        var order = Pick(model.Orders.Where(o => o.Status == "AppliedFor").ToList());
        var after = model.Orders.Where(o => o.Kind == order.Kind && o.GrantedOn is not null).Select(o => o.GrantedOn!.Value).Append(order.AppliedOn!.Value).Max();
        var grantedOn = DayBetween(afterEarlier ? after : order.AppliedOn.Value, Today);
        await WriteAsync(AnyRecorder, "orders/grants", OrderRequests.Grant(order.Id, grantedOn, null), "civil-order-granted");
        foreach (var earlier in model.Orders.Where(o => o.Kind == order.Kind && o.Status == "Granted" && o.GrantedOn <= grantedOn))
            earlier.Status = "Replaced";
        (order.Status, order.GrantedOn) = ("Granted", grantedOn);
    }

    // Allocation (supervisors)

    private async Task AllocateAsync()
    {
        var to = Pick(Allocations.Where(a => a.ManagerId != model.ManagerId || a.Team != model.Team).ToList());
        var body = RegistrationRequests.Allocation(to.ManagerId, to.Team);
        body["manager"]!["name"] = to.ManagerName;
        await WriteAsync(AnySupervisor, "allocation", body, "offender-allocated");
        (model.ManagerId, model.ManagerName, model.Team) = to;
    }

    // Corrections

    private async Task WithdrawVisitAsync(ExpectedVisit visit)
    {
        var body = new JsonObject { ["correctsVersion"] = visit.Version, ["withdraw"] = true, ["reason"] = "Recorded on the wrong offender's record." };
        await WriteAsync(AnyRecorder, "corrections", body, "record-corrected");
        visit.Withdrawn = true;
        model.Corrections.Add(new ExpectedCorrection(visit.Version, "home-visit-recorded", Withdraws: true));
    }

    private async Task CorrectionNoteAsync()
    {
        var entry = Pick(model.Entries.Where(e => e.Type != "record-corrected").ToList());
        var body = new JsonObject { ["correctsVersion"] = entry.Version, ["reason"] = "The time was recorded an hour out." };
        await WriteAsync(AnyRecorder, "corrections", body, "record-corrected");
        model.Corrections.Add(new ExpectedCorrection(entry.Version, entry.Type, Withdraws: false));
    }
}
