using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mosovo.Api.Compliance;
using Mosovo.Tests.Disclosures;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Orders;
using Wolverine.Tracking;

namespace Mosovo.Tests.Compliance;

/// <summary>
/// A PPN raised on new child contact is announced to the team's supervisors through Wolverine's durable outbox:
/// the message is stored in the disclosure's transaction and delivered once that commits, and never if it rolls back.
/// </summary>
public sealed class when_a_raised_ppn_is_announced_to_supervisors(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly OffenderCalls _calls = new(api);

    private IHost Host => api.Services.GetRequiredService<IHost>();

    [Fact]
    public async Task the_notice_is_on_the_teams_list_once_the_disclosure_is_recorded()
    {
        var (id, etag) = await _calls.RegisterAsync();
        HttpResponseMessage? response = null;

        var tracked = await Host.TrackActivity(Patience).ExecuteAndWaitAsync(
            (Func<Wolverine.IMessageContext, Task>)(async _ =>
                response = await _calls.PostAsync(
                    id, etag, "disclosures", DisclosureRequests.ChildContact(_calls.Now.AddHours(-1)))));

        response!.StatusCode.ShouldBe(HttpStatusCode.Created);
        var notice = tracked.Executed.SingleMessage<PpnRaisedNotice>();
        notice.OffenderId.ShouldBe(id);
        var list = (await _calls.Supervisor.GetFromJsonAsync<JsonObject>("/compliance/notices?team=North%20MOSOVO"))!;
        var entry = list["notices"]!.AsArray().Single(n => n!["offenderId"]!.GetValue<Guid>() == id)!;
        entry["id"]!.GetValue<Guid>().ShouldBe(notice.PpnId);
        entry["kind"]!.GetValue<string>().ShouldBe("PpnRaised");
        entry["dueAt"]!.GetValue<DateTimeOffset>().ShouldBe(notice.RaisedAt.AddHours(24));
        entry["what"]!.GetValue<string>().ShouldContain("new contact with 1 child");
        entry.ToJsonString().ShouldNotContain("A.E.", customMessage: "the notice names no child");
    }

    [Fact]
    public async Task a_second_delivery_of_the_same_notice_adds_nothing()
    {
        var (id, etag) = await _calls.RegisterAsync();
        var tracked = await Host.TrackActivity(Patience).ExecuteAndWaitAsync(
            (Func<Wolverine.IMessageContext, Task>)(async _ =>
                (await _calls.PostAsync(
                        id, etag, "disclosures", DisclosureRequests.ChildContact(_calls.Now.AddHours(-1))))
                    .StatusCode.ShouldBe(HttpStatusCode.Created)));
        var notice = tracked.Executed.SingleMessage<PpnRaisedNotice>();

        await Host.InvokeMessageAndWaitAsync(notice);

        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.supervisor_notices WHERE offender_id = '{id}'"))
            .ShouldBe(1);
    }

    [Fact]
    public async Task a_notice_published_in_a_write_that_rolls_back_is_never_delivered()
    {
        var (id, etag) = await _calls.RegisterAsync();
        // The write fails after the notice was published in its transaction: its access log entry is refused.
        await using (var fail = api.Database.DataSource.CreateCommand(
            """
            CREATE FUNCTION mosovo.fail_ppn_write() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'the test fails this write'; END; $$;
            CREATE TRIGGER fail_ppn_write BEFORE INSERT ON mosovo.access_log
                FOR EACH ROW WHEN (NEW.what LIKE '%ppn-raised%') EXECUTE FUNCTION mosovo.fail_ppn_write();
            """))
        {
            await fail.ExecuteNonQueryAsync();
        }

        const string Envelopes = """
            SELECT (SELECT count(*) FROM mosovo.wolverine_incoming_envelopes)
                 + (SELECT count(*) FROM mosovo.wolverine_outgoing_envelopes)
            """;
        var envelopesBefore = await api.Database.ScalarAsync(Envelopes);
        HttpResponseMessage? response = null;
        var tracked = await Host.TrackActivity(Patience).ExecuteAndWaitAsync(
            (Func<Wolverine.IMessageContext, Task>)(async _ =>
                response = await _calls.PostAsync(
                    id, etag, "disclosures", DisclosureRequests.ChildContact(_calls.Now.AddHours(-1)))));

        response!.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        tracked.Executed.MessagesOf<PpnRaisedNotice>().ShouldBeEmpty();
        tracked.Sent.MessagesOf<PpnRaisedNotice>().ShouldBeEmpty();
        (await _calls.EventCountAsync(id)).ShouldBe(1);
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.supervisor_notices WHERE offender_id = '{id}'"))
            .ShouldBe(0);
        (await api.Database.ScalarAsync(Envelopes)).ShouldBe(envelopesBefore, "nothing of the failed write was stored");
    }
}
