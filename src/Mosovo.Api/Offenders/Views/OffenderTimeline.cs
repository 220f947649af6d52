using Mosovo.Api.Audit;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Mosovo.Api.Http;
using Mosovo.Api.Offenders;
using Npgsql;

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
        Guid offenderId, int? page, int? pageSize, HttpContext http, NpgsqlDataSource database, EventTypeRegistry types, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (page is < 1) v.Add("page", "must be 1 or more.");
        if (pageSize is < 1 or > MaxPageSize) v.Add("pageSize", $"must be between 1 and {MaxPageSize}.");
        if (!v.IsValid)
            return Problems.Validation(v);

        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;

        // One round trip: the stream's version, the versions withdrawn by corrections, and the page of events.
        await using var command = database.CreateCommand(
            """
            SELECT s.version,
                   (SELECT coalesce(array_agg((c.data->>'correctsVersion')::bigint), '{}')
                      FROM mosovo.mt_events c
                     WHERE c.stream_id = s.id AND c.type = 'record-corrected' AND (c.data->>'withdraws')::boolean),
                   e.version, e.type, e.data::text
              FROM mosovo.mt_streams s
              LEFT JOIN LATERAL (
                   SELECT version, type, data FROM mosovo.mt_events
                    WHERE stream_id = s.id ORDER BY version DESC OFFSET $2 LIMIT $3) e ON true
             WHERE s.id = $1 AND s.type = 'offender'
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = offenderId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(number - 1) * size });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = size });

        long? version = null;
        var entries = new List<Entry>(size);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                version = reader.GetInt64(0);
                if (reader.IsDBNull(2))
                    continue;
                var withdrawn = reader.GetFieldValue<long[]>(1);
                var entryVersion = reader.GetInt64(2);
                var type = reader.GetString(3);
                var data = reader.GetString(4);
                var @event = (IOffenderEvent)types.Deserialize(type, data);
                using var document = JsonDocument.Parse(data);
                entries.Add(new Entry(
                    entryVersion,
                    type,
                    withdrawn.Contains(entryVersion) ? $"[Withdrawn] {@event.Summary}" : @event.Summary,
                    @event.OccurredAt,
                    @event.RecordedAt,
                    new RecordedByBody(@event.RecordedBy.UserId, @event.RecordedBy.Name),
                    document.RootElement.Clone()));
            }
        }

        if (version is null)
            return Problems.OffenderNotFound(offenderId);

        ETags.Set(http, version.Value);
        return TypedResults.Ok(new Page(offenderId, version.Value, version.Value, number, size, entries));
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) => offenders.MapGet("/{offenderId}/timeline", Handle)
        .WithName("GetOffenderTimeline")
        .WithSummary("The offender's events, newest first, paged, with who recorded each and when")
        .LogsReads(AccessKind.Consultation, "offender-timeline");
}
