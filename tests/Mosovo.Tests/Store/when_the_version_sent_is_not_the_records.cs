using System.Net;
using Mosovo.Api.Hosting;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Offenders;

namespace Mosovo.Tests.Store;

/// <summary>
/// An officer writes from a version of the record that is not the current one: one read before a colleague's change,
/// one the record has never reached, or one of an offender who does not exist. The answer says so (409 with the
/// version the record is at, or 404), and the write leaves nothing anywhere: no event, no read model, no access log
/// entry, no idempotency record that a retry would be answered from. (Two registrations cannot race for one record
/// over HTTP: the API chooses a new offender's id. when_two_writers_start_one_record covers the store's side.)
/// </summary>
public sealed class when_the_version_sent_is_not_the_records(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Manager => api.ClientFor(Roles.OffenderManager, "DC Test Manager");

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("\"2\"")]
    [InlineData("\"4\"")]
    [InlineData("\"99\"")]
    public async Task the_answer_is_409_naming_the_current_version_and_nothing_is_written(string ifMatch)
    {
        var manager = Manager;
        var (id, etag) = await OffenderRequests.RegisterAsync(manager);
        var first = await StoreCalls.VisitAsync(manager, id, Visit(-3), etag);
        var second = await StoreCalls.VisitAsync(manager, id, Visit(-2), first.ETag!);
        second.ETag.ShouldBe("\"3\"");
        var before = await Footprint.OfAsync(api.Database, id);
        var rows = await Footprint.RowsAsync(api.Database);
        var key = Guid.NewGuid().ToString();

        // A single-officer visit would open a review obligation, so it would show if anything of it were kept.
        var stale = await StoreCalls.VisitAsync(
            manager, id, OffenderRequests.SingleOfficerVisit(api.Time.GetUtcNow().AddHours(-1)), ifMatch, key);

        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.ContentType.ShouldBe("application/problem+json");
        stale.CurrentVersion.ShouldBe(3);
        stale.Json["detail"]!.GetValue<string>().ShouldContain("at version 3");
        stale.ETag.ShouldBeNull();
        (await Footprint.OfAsync(api.Database, id)).ShouldBe(before);
        Footprint.Added(rows, await Footprint.RowsAsync(api.Database)).ShouldBeEmpty();

        // Nothing was kept for the key either: resent, the request is judged afresh (and is still stale).
        var resent = await StoreCalls.VisitAsync(
            manager, id, OffenderRequests.SingleOfficerVisit(api.Time.GetUtcNow().AddHours(-1)), ifMatch, key);
        resent.Status.ShouldBe(HttpStatusCode.Conflict);
        resent.Replayed.ShouldBeNull();
        (await Footprint.OfAsync(api.Database, id)).ShouldBe(before);
    }

    [Fact]
    public async Task an_offender_that_does_not_exist_is_404_and_nothing_is_created()
    {
        var id = Guid.NewGuid();
        var before = await Footprint.OfAsync(api.Database, id);
        var rows = await Footprint.RowsAsync(api.Database);

        var answer = await StoreCalls.VisitAsync(Manager, id, Visit(-1), "\"1\"", Guid.NewGuid().ToString());

        answer.Status.ShouldBe(HttpStatusCode.NotFound);
        answer.ContentType.ShouldBe("application/problem+json");
        answer.ETag.ShouldBeNull();
        (await Footprint.OfAsync(api.Database, id)).ShouldBe(before);
        Footprint.Added(rows, await Footprint.RowsAsync(api.Database)).ShouldBeEmpty();
        (await api.Database.ScalarAsync($"SELECT count(*) FROM mosovo.mt_streams WHERE id = '{id}'")).ShouldBe(0);
    }

    private System.Text.Json.Nodes.JsonObject Visit(int hours) =>
        OffenderRequests.TwoOfficerVisit(api.Time.GetUtcNow().AddHours(hours));
}
