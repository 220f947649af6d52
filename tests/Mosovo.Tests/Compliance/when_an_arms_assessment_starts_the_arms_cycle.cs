using Mosovo.Tests.Arms;
using Mosovo.Tests.Infrastructure;
using Mosovo.Tests.Orders;

namespace Mosovo.Tests.Compliance;

public sealed class when_an_arms_assessment_starts_the_arms_cycle(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeOffset Morning = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private readonly OffenderCalls _calls = new(api);
    private readonly ArmsVisitsQueueCalls _queue = new(api);

    [Fact]
    public async Task its_endorsement_and_the_next_periodic_review_are_queued_until_a_supervisor_reviews_it_and_a_newer_assessment_is_made()
    {
        api.Time.AdjustTime(Morning);
        var (id, etag) = await _calls.RegisterAsync();
        (await _queue.ItemsAsync(id, "ArmsPeriodicReview")).ShouldBeEmpty();

        (var first, etag) = await ArmsRequests.RecordedAsync(_calls.Manager, id, etag, ArmsRequests.Assessment("2026-06-10"));

        var endorsement = (await _queue.ItemsAsync(id, "ArmsEndorsement")).ShouldHaveSingleItem();
        endorsement["key"]!.GetValue<string>().ShouldBe($"arms-endorsement:{first}");
        endorsement["dueAt"]!.GetValue<DateTimeOffset>().ShouldBe(Morning.AddDays(14));
        var periodic = (await _queue.ItemsAsync(id, "ArmsPeriodicReview")).ShouldHaveSingleItem();
        periodic["key"]!.GetValue<string>().ShouldBe($"arms-periodic-review:{first}");
        periodic["dueAt"]!.GetValue<DateTimeOffset>().ShouldBe(new DateTimeOffset(2027, 6, 9, 23, 0, 0, TimeSpan.Zero)); // midnight BST, 10 June 2027

        var endorsed = await ArmsRequests.EndorseAsync(_calls.Supervisor, id, etag, ArmsRequests.Endorsement(first));
        endorsed.EnsureSuccessStatusCode();
        etag = endorsed.Headers.ETag!.Tag;
        (await _queue.ItemsAsync(id, "ArmsEndorsement")).ShouldBeEmpty();
        (await _queue.ObligationAsync(id, $"arms-endorsement:{first}"))["closure"]!["byType"]!.GetValue<string>().ShouldBe("ArmsAssessmentEndorsed");

        (var newer, etag) = await ArmsRequests.RecordedAsync(_calls.Manager, id, etag, ArmsRequests.Assessment("2026-06-15"));

        var next = (await _queue.ItemsAsync(id, "ArmsPeriodicReview")).ShouldHaveSingleItem();
        next["key"]!.GetValue<string>().ShouldBe($"arms-periodic-review:{newer}");
        next["dueAt"]!.GetValue<DateTimeOffset>().ShouldBe(new DateTimeOffset(2027, 6, 14, 23, 0, 0, TimeSpan.Zero));
        var closed = await _queue.ObligationAsync(id, $"arms-periodic-review:{first}");
        closed["closure"]!["byVersion"]!.GetValue<long>().ShouldBe(4);
        closed["closure"]!["byType"]!.GetValue<string>().ShouldBe("ArmsAssessmentRecorded");

        (await ArmsRequests.EndorseAsync(_calls.Supervisor, id, etag, ArmsRequests.Endorsement(newer, "ReturnedForRevision", "Add the partner's children to the plan."))).EnsureSuccessStatusCode();
        (await _queue.ItemsAsync(id, "ArmsEndorsement")).ShouldBeEmpty();
        (await _queue.ObligationAsync(id, $"arms-endorsement:{newer}"))["closure"]!["byType"]!.GetValue<string>().ShouldBe("ArmsAssessmentReturnedForRevision");
    }
}
