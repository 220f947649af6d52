using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Mosovo.Api.Http;
using Mosovo.EventStore;

namespace Mosovo.Api.Offenders;

/// <summary>The offender's record as it happened: every event, newest first, paged, with who and when.</summary>
public static class OffenderTimeline
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <param name="OccurredAt">When it happened, where the event says (a visit's time, a registration's day).</param>
    /// <param name="RecordedAt">When it was recorded in Mosovo.</param>
    public sealed record Entry(
        long Version,
        string Type,
        string Summary,
        DateTimeOffset? OccurredAt,
        DateTimeOffset RecordedAt,
        RecordedByBody RecordedBy,
        JsonElement Data);

    public sealed record RecordedByBody(string UserId, string Name);

    public sealed record Page(Guid OffenderId, long Version, long Total, int PageNumber, int PageSize, IReadOnlyList<Entry> Entries);

    internal static async Task<Results<Ok<Page>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid offenderId, int? page, int? pageSize, HttpContext http, PostgresEventStore store, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (page is < 1) v.Add("page", "must be 1 or more.");
        if (pageSize is < 1 or > MaxPageSize) v.Add("pageSize", $"must be between 1 and {MaxPageSize}.");
        if (!v.IsValid)
            return Problems.Validation(v);

        var version = await store.GetStreamVersionAsync(offenderId, cancellationToken);
        if (version is null)
            return Problems.OffenderNotFound(offenderId);

        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        var events = await store.ReadStreamBackwardAsync(offenderId, (number - 1) * size, size, cancellationToken);
        var withdrawn = await WithdrawnVersionsAsync(store, offenderId, cancellationToken);
        var options = json.Value.SerializerOptions;
        var entries = events.Select(e => new Entry(
            e.Version,
            e.TypeName,
            Summary(e, withdrawn),
            ((IOffenderEvent)e.Data).OccurredAt,
            e.Metadata.RecordedAt,
            new RecordedByBody(e.Metadata.UserId, e.Metadata.UserName),
            JsonSerializer.SerializeToElement(e.Data, e.Data.GetType(), options))).ToList();

        // The version read with the events: the newest event on the page when it is the first page.
        var current = number == 1 && entries.Count > 0 ? entries[0].Version : version.Value;
        ETags.Set(http, current);
        return TypedResults.Ok(new Page(offenderId, current, current, number, size, entries));
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) => offenders.MapGet("/{offenderId}/timeline", Handle)
        .WithName("GetOffenderTimeline")
        .WithSummary("The offender's events, newest first, paged, with who recorded each and when");

    private static string Summary(RecordedEvent e, IReadOnlySet<long> withdrawn) =>
        withdrawn.Contains(e.Version) ? $"[Withdrawn] {((IOffenderEvent)e.Data).Summary}" : ((IOffenderEvent)e.Data).Summary;

    private static async Task<IReadOnlySet<long>> WithdrawnVersionsAsync(PostgresEventStore store, Guid offenderId, CancellationToken cancellationToken)
    {
        var corrections = await store.ReadStreamOfTypeAsync(offenderId, "record-corrected", cancellationToken);
        return corrections.Select(e => e.Data).OfType<RecordCorrected>().Where(c => c.Withdraws).Select(c => c.CorrectsVersion).ToHashSet();
    }
}
