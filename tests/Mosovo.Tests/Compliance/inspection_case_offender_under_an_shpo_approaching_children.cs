using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Breaches;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Orders;
using Mosovo.Tests.Registration;

namespace Mosovo.Tests.Compliance;

/// <summary>
/// Issue 4, acceptance test 2: "A mother reports that an offender under an SHPO is approaching local children. The
/// breach opens a decision item due in 7 days; a later failure to notify a change of name opens a second breach item;
/// 'no further action' without a reason is refused."
/// </summary>
public sealed class when_a_mother_reports_an_offender_under_an_shpo_approaching_children(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeOffset Start = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private readonly OffenderCalls _calls = new(api);

    [Fact]
    public async Task each_breach_opens_a_decision_due_in_7_days_and_no_further_action_needs_a_reason()
    {
        api.Time.AdjustTime(Start);
        var (id, etag, orderId) = await OrderRequests.OrderAtAsync(_calls, OrderRequests.Stage.Granted);

        // The mother's report: a breach of the SHPO's prohibition on contact with children.
        var report = BreachRequests.OrderBreach(orderId, OrderRequests.NoUnsupervisedContact, _calls.Today.AddDays(-1));
        report["reportedBy"] = new JsonObject { ["kind"] = "ThirdParty", ["name"] = "Sam Mother" };
        report["howItCameToLight"] = "A mother rang: he was talking to her children and their friends at the play park and offered them sweets.";
        report["evidence"] = "Her statement; two other parents named as witnesses.";
        var (shpoBreachId, next) = await _calls.RecordAsync(id, etag, "breaches", report);

        var queue = await SafeguardingRequests.QueueAsync(_calls, id);
        var first = SafeguardingRequests.Item(queue, $"breach-decision:{shpoBreachId}");
        first["kind"]!.GetValue<string>().ShouldBe("BreachDecision");
        first["what"]!.GetValue<string>().ShouldStartWith("Supervisor's decision on the breach of an SHPO prohibition");
        first["why"]!.GetValue<string>().ShouldEndWith("reported by a third party");
        SafeguardingRequests.Due(first).ShouldBe(Start.AddDays(7));
        SafeguardingRequests.Overdue(first).ShouldBeFalse();
        queue.ShouldNotContain(i => i["kind"]!.GetValue<string>() == "ConsiderCivilOrder"); // he is under an SHPO already

        // Five days later he notifies a change of name made on 15 June: due within 3 days beginning with the change (by 17 June),
        // notified on 20 June, so 3 days late.
        api.Time.AdjustTime(Start.AddDays(5));
        var changedOn = OffenderCalls.Day(Clock.DayOf(Start));
        var late = await _calls.PostAsync(id, next, "notifications", RegistrationRequests.NameChange(changedOn, OffenderCalls.Day(_calls.Today)));
        late.StatusCode.ShouldBe(HttpStatusCode.Created);
        next = late.Headers.ETag!.Tag;
        queue = await SafeguardingRequests.QueueAsync(_calls, id);
        var suspected = queue.Single(i => i["kind"]!.GetValue<string>() == "SuspectedNotificationBreach");
        suspected["what"]!.GetValue<string>().ShouldStartWith("Consider recording a breach of notification requirements: a change of name notified 3 days late");
        SafeguardingRequests.Due(suspected).ShouldBe(Start.AddDays(12));

        // The manager records it as a breach of the notification requirements: the second breach item.
        var (nameBreachId, afterBreach) = await _calls.RecordAsync(id, next, "breaches", BreachRequests.NotificationBreach(Clock.DayOf(Start).AddDays(3)));
        queue = await SafeguardingRequests.QueueAsync(_calls, id);
        queue.ShouldNotContain(i => i["kind"]!.GetValue<string>() == "SuspectedNotificationBreach");
        queue.Where(i => i["kind"]!.GetValue<string>() == "BreachDecision").Select(i => i["key"]!.GetValue<string>())
            .ShouldBe([$"breach-decision:{shpoBreachId}", $"breach-decision:{nameBreachId}"], ignoreOrder: true);
        SafeguardingRequests.Due(SafeguardingRequests.Item(queue, $"breach-decision:{nameBreachId}")).ShouldBe(Start.AddDays(12));

        // "No further action" without a reason is refused, and nothing is written.
        var events = await _calls.EventCountAsync(id);
        var refused = await _calls.PostAsync(id, afterBreach, "breaches/decisions", BreachRequests.Decision(shpoBreachId, "NoFurtherAction", _calls.Now), _calls.Supervisor);
        (await OffenderCalls.ErrorFieldsAsync(refused)).ShouldBe(["reason"]);
        (await _calls.EventCountAsync(id)).ShouldBe(events);

        // The first item is due at 7 days, not overdue then, overdue one tick after.
        api.Time.AdjustTime(Start.AddDays(7));
        SafeguardingRequests.Overdue(SafeguardingRequests.Item(await SafeguardingRequests.QueueAsync(_calls, id), $"breach-decision:{shpoBreachId}")).ShouldBeFalse();
        api.Time.AdjustTime(Start.AddDays(7).AddTicks(1));
        SafeguardingRequests.Overdue(SafeguardingRequests.Item(await SafeguardingRequests.QueueAsync(_calls, id), $"breach-decision:{shpoBreachId}")).ShouldBeTrue();

        // The supervisor's decision closes it; the other stays.
        await _calls.RecordAsync(id, afterBreach, "breaches/decisions",
            BreachRequests.Decision(shpoBreachId, "CriminalInvestigation", _calls.Now, "Breach of an SHPO is an offence (s.103I); refer to CID."), _calls.Supervisor);
        queue = await SafeguardingRequests.QueueAsync(_calls, id, "BreachDecision");
        queue.Select(i => i["key"]!.GetValue<string>()).ShouldBe([$"breach-decision:{nameBreachId}"]);
        SafeguardingRequests.Overdue(queue[0]).ShouldBeFalse();
    }
}
