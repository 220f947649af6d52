using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mosovo.Tests.Infrastructure;
using static Mosovo.Tests.Compliance.ComplianceQueueCalls;

namespace Mosovo.Tests.Compliance;

/// <summary>POST /offenders/{id}/visits/reviews: the supervisor's review, the only thing that closes a single-officer visit's review item.</summary>
public sealed class when_a_supervisor_reviews_a_single_officer_visit(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly ComplianceQueueCalls calls = new(api);

    private async Task<(Guid Id, string ETag, long Visit)> OffenderWithAReviewDueAsync()
    {
        var (id, etag) = await calls.RegisterAsync(NewManagerId(), NewTeam());
        var (visit, newETag) = await calls.SingleOfficerVisitAsync(id, etag);
        return (id, newETag, visit);
    }

    [Fact]
    public async Task the_review_is_recorded_and_closes_the_visits_review_item()
    {
        var (id, etag, visit) = await OffenderWithAReviewDueAsync();

        var response = await calls.PostAsync(id, etag, "visits/reviews", Review(visit, "ActionRequired", "The next two visits must be made by two officers."), calls.Supervisor);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.ShouldBe("\"3\"");
        var entry = (await calls.Supervisor.GetFromJsonAsync<JsonObject>($"/offenders/{id}/timeline"))!["entries"]![0]!;
        entry["type"]!.GetValue<string>().ShouldBe("single-officer-visit-reviewed");
        entry["summary"]!.GetValue<string>().ShouldBe($"Single-officer visit (entry {visit}) reviewed by DS Test Supervisor: ActionRequired");
        var review = Obligations(await calls.ObligationsAsync(id), ReviewKind).Single();
        review["closure"]!["byType"]!.GetValue<string>().ShouldBe("SingleOfficerVisitReviewed");
        review["closure"]!["waived"]!.GetValue<bool>().ShouldBeFalse();
        review["closure"]!["at"]!.GetValue<DateTimeOffset>().ShouldBe(calls.Now);
    }

    public static TheoryData<string, Func<long, JsonObject>> BadReviews => new()
    {
        { "visitVersion", _ => new JsonObject { ["outcome"] = "Acceptable", ["comments"] = "Fine." } },
        { "visitVersion", _ => Review(1) },
        { "visitVersion", _ => Review(99) },
        { "outcome", visit => Review(visit, "Fine") },
        { "outcome", visit => new JsonObject { ["visitVersion"] = visit, ["comments"] = "Fine." } },
        { "comments", visit => Review(visit, comments: " ") },
        { "comments", visit => Review(visit, comments: new string('c', 2001)) },
    };

    [Theory]
    [MemberData(nameof(BadReviews))]
    public async Task a_bad_field_or_a_visit_not_awaiting_review_is_refused_naming_the_field(string field, Func<long, JsonObject> body)
    {
        var (id, etag, visit) = await OffenderWithAReviewDueAsync();

        var response = await calls.PostAsync(id, etag, "visits/reviews", body(visit), calls.Supervisor);

        (await ErrorFieldsAsync(response)).ShouldContain(field);
        (await calls.EventCountAsync(id)).ShouldBe(2);
    }

    [Fact]
    public async Task a_visit_by_two_officers_or_one_already_reviewed_has_no_review_to_record()
    {
        var (id, etag, visit) = await OffenderWithAReviewDueAsync();
        etag = await calls.RecordAsync(id, etag, "visits/reviews", Review(visit), calls.Supervisor);
        etag = await calls.TwoOfficerVisitAsync(id, etag);

        (await ErrorFieldsAsync(await calls.PostAsync(id, etag, "visits/reviews", Review(visit), calls.Supervisor))).ShouldContain("visitVersion");
        (await ErrorFieldsAsync(await calls.PostAsync(id, etag, "visits/reviews", Review(4), calls.Supervisor))).ShouldContain("visitVersion");
        (await calls.EventCountAsync(id)).ShouldBe(4);
    }
}
