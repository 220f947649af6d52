using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Mosovo.Api.Audit;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Mosovo.Api.Offenders;
using Npgsql;

namespace Mosovo.Api.Offenders;

/// <summary>What officers read: the summary, the timeline, search, and a manager's caseload.</summary>
public static class OffenderViews
{
    public const int MaxSearchResults = 50;

    /// <summary>One line of a search result or a caseload.</summary>
    /// <param name="NextNotificationDue">The next annual re-notification due, when the registration is live.</param>
    public sealed record OffenderListItem(
        Guid OffenderId,
        string Reference,
        string GivenNames,
        string FamilyName,
        IReadOnlyList<string> Aliases,
        DateOnly DateOfBirth,
        string Team,
        Officer Manager,
        bool RegistrationEnded,
        string? RiskOfSeriousHarm,
        DateTimeOffset? LastVisitAt,
        DateOnly? NextNotificationDue,
        IReadOnlyList<string> Flags);

    /// <param name="Count">How many are listed here.</param>
    /// <param name="Total">How many match: more than <paramref name="Count"/> when the list was cut at its limit (narrow the search).</param>
    public sealed record SearchResults(int Count, long Total, IReadOnlyList<OffenderListItem> Offenders);

    /// <param name="Total">How many live offenders the caseload holds; the list stops at 1,000.</param>
    public sealed record Caseload(string? ManagerId, string? Team, int Count, long Total, IReadOnlyList<OffenderListItem> Offenders);

    public static void Map(IEndpointRouteBuilder app, RouteGroupBuilder offenders)
    {
        offenders.MapGet("/{offenderId}", GetSummary)
            .WithName("GetOffenderSummary")
            .WithSummary("The offender's summary: identity, address, risk, MAPPA, orders, manager, flags")
            .Produces<Offender>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .LogsReads(AccessKind.Consultation, "offender-summary");
        offenders.MapGet("/{offenderId}/obligations", GetObligations)
            .WithName("GetOffenderObligations")
            .WithSummary("Every obligation the policies opened on the offender, open and closed, with the event or waiver that closed each")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .LogsReads(AccessKind.Consultation, "offender-obligations");
        OffenderTimeline.Map(offenders);
        offenders.MapGet("/", Search)
            .WithName("SearchOffenders")
            .WithSummary("Find offenders by name or alias (case and accents ignored), date of birth, or reference")
            .LogsReads(AccessKind.Consultation, "offender-search");
        app.MapGet("/caseload", GetCaseload)
            .ChecksText()
            .WithTags("Offenders")
            .RequireAuthorization(Policies.ReadRecords)
            .WithName("GetCaseload")
            .WithSummary("A manager's (default: your own) or a team's offenders with their next due dates")
            .LogsReads(AccessKind.Consultation, "caseload");
    }

    /// <summary>
    /// The stored summary, sent as it is stored (it was serialized from <see cref="Offender"/> by the projection), with
    /// its open obligations as <c>compliance.open</c>, from <c>mosovo.obligations</c> (the stored state holds none);
    /// <c>GET /offenders/{id}/obligations</c> has them all.
    /// </summary>
    internal static Task<IResult> GetSummary(Guid offenderId, HttpContext http, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        ReadAsync(offenderId, http, database,
            $$"""
            jsonb_set(state #- '{compliance,obligations}', '{compliance,open}', coalesce((
                SELECT jsonb_agg({{ObligationJson}} ORDER BY o.opened_by_version, o.key)
                  FROM mosovo.obligations o WHERE o.offender_id = $1 AND o.closed_at IS NULL), '[]'::jsonb))::text
            """, cancellationToken);

    /// <summary>
    /// Every obligation on the record, open and closed, in the order they were opened, from <c>mosovo.obligations</c>
    /// (the stored summary keeps the open ones only), in the shape of <see cref="Compliance.Obligation"/>.
    /// </summary>
    internal static Task<IResult> GetObligations(Guid offenderId, HttpContext http, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        ReadAsync(offenderId, http, database,
            $"""
            jsonb_build_object('offenderId', offender_id, 'version', version, 'obligations', coalesce((
                SELECT jsonb_agg({ObligationJson} ORDER BY o.opened_by_version, o.key)
                  FROM mosovo.obligations o WHERE o.offender_id = $1), '[]'::jsonb))::text
            """, cancellationToken);

    /// <summary>A row <c>o</c> of <c>mosovo.obligations</c> in the shape of <see cref="Compliance.Obligation"/>.</summary>
    private const string ObligationJson =
        """
        jsonb_build_object(
            'key', o.key, 'kind', o.kind, 'what', o.what, 'why', o.why, 'openedByVersion', o.opened_by_version,
            'openedByType', o.opened_by_type, 'anchorAt', o.anchor_at, 'basis', o.basis, 'dueAt', o.due_at,
            'closure', CASE WHEN o.closed_at IS NULL THEN NULL ELSE jsonb_build_object(
                'byVersion', o.closed_by_version, 'byType', o.closed_by_type, 'at', o.closed_at, 'by', o.closed_by,
                'waived', o.waived, 'reason', o.waiver_reason) END,
            'isOpen', o.closed_at IS NULL)
        """;

    private static async Task<IResult> ReadAsync(Guid offenderId, HttpContext http, NpgsqlDataSource database, string json, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT version, {json} FROM mosovo.offender_summaries WHERE offender_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = offenderId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return Problems.OffenderNotFound(offenderId);

        ETags.Set(http, reader.GetInt64(0));
        return TypedResults.Text(reader.GetString(1), "application/json; charset=utf-8");
    }

    internal static async Task<Results<Ok<SearchResults>, ValidationProblem>> Search(
        string? name, DateOnly? dateOfBirth, string? reference, NpgsqlDataSource database, EventTypeRegistry types, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var tokens = name is null ? [] : SearchText.Normalize(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (name is not null && tokens.Length == 0) v.Add("name", "needs at least one letter or digit.");
        if (name?.Length > 200) v.Add("name", "must be at most 200 characters.");
        if (reference?.Length > 50) v.Add("reference", "must be at most 50 characters.");
        if (name is null && dateOfBirth is null && string.IsNullOrWhiteSpace(reference))
            v.Add("name", "give a name, a dateOfBirth or a reference to search by.");
        if (!v.IsValid)
            return Problems.Validation(v);

        var conditions = new List<string>();
        await using var command = database.CreateCommand();
        foreach (var token in tokens.Take(10))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"%{token}%" });
            conditions.Add(string.Create(CultureInfo.InvariantCulture, $"search_text LIKE ${command.Parameters.Count}"));
        }

        if (dateOfBirth is { } dob)
        {
            command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = dob });
            conditions.Add(string.Create(CultureInfo.InvariantCulture, $"date_of_birth = ${command.Parameters.Count}"));
        }

        if (!string.IsNullOrWhiteSpace(reference))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reference.Trim().ToUpperInvariant() });
            conditions.Add(string.Create(CultureInfo.InvariantCulture, $"(reference = ${command.Parameters.Count} OR pnc_id = ${command.Parameters.Count})"));
        }

        command.CommandText = $"SELECT list_item, count(*) OVER (), CASE WHEN list_item IS NULL THEN state END FROM mosovo.offender_summaries WHERE {string.Join(" AND ", conditions)} ORDER BY family_name, given_names, offender_id LIMIT {MaxSearchResults}";
        var (found, total) = await ReadListAsync(command, types, cancellationToken);
        return TypedResults.Ok(new SearchResults(found.Count, total, found));
    }

    internal static async Task<Ok<Caseload>> GetCaseload(
        string? managerId, string? team, HttpContext http, NpgsqlDataSource database, EventTypeRegistry types, CancellationToken cancellationToken)
    {
        if (managerId is null && team is null)
            managerId = CurrentUser.From(http.User).OfficerId;

        await using var command = database.CreateCommand(
            """
            SELECT list_item, count(*) OVER (), CASE WHEN list_item IS NULL THEN state END FROM mosovo.offender_summaries
            WHERE ($1::text IS NULL OR manager_id = $1) AND ($2::text IS NULL OR team = $2) AND NOT registration_ended
            ORDER BY family_name, given_names, offender_id
            LIMIT 1000
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)managerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)team ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var (offenders, total) = await ReadListAsync(command, types, cancellationToken);
        return TypedResults.Ok(new Caseload(managerId, team, offenders.Count, total, offenders));
    }

    private static async Task<(List<OffenderListItem> Items, long Total)> ReadListAsync(NpgsqlCommand command, EventTypeRegistry types, CancellationToken cancellationToken)
    {
        var items = new List<OffenderListItem>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A row written by an instance older than the list line (during a rolling deploy) has none yet: list it from its state.
            items.Add(reader.IsDBNull(0)
                ? ListItem(JsonSerializer.Deserialize<Offender>(reader.GetString(2), types.SerializerOptions)!)
                : JsonSerializer.Deserialize<OffenderListItem>(reader.GetString(0), types.SerializerOptions)!);
            total = reader.GetInt64(1);
        }

        return (items, total);
    }

    public static OffenderListItem ListItem(Offender o) => new(
        o.Id, o.Identity.Reference, o.Identity.Name.GivenNames, o.Identity.Name.FamilyName, o.Identity.Aliases, o.Identity.DateOfBirth,
        o.Allocation.Team, o.Allocation.Manager, o.Registration.EndedOn is not null, o.Risk.RiskOfSeriousHarm?.ToString(),
        o.Visits.LastVisitAt, o.Registration.NextNotificationDue, o.Flags);
}
