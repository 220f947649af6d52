using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Mosovo.Api.Audit;
using Mosovo.Api.Compliance;
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
        OfficerResponse Manager,
        bool RegistrationEnded,
        string? RiskOfSeriousHarm,
        DateTimeOffset? LastVisitAt,
        DateOnly? NextNotificationDue,
        IReadOnlyList<string> Flags)
    {
        /// <summary>The list item shown for a stored line: every field named.</summary>
        public static OffenderListItem From(OffenderListLine line)
        {
            ArgumentNullException.ThrowIfNull(line);
            return new OffenderListItem(
                line.OffenderId, line.Reference, line.GivenNames, line.FamilyName, line.Aliases, line.DateOfBirth,
                line.Team, OfficerResponse.From(line.Manager), line.RegistrationEnded, line.RiskOfSeriousHarm,
                line.LastVisitAt, line.NextNotificationDue, line.Flags);
        }
    }

    /// <summary>
    /// The line a search or a caseload lists for an offender, as the projection stores it beside the state
    /// (<c>list_item</c>), so that a list reads no whole state. Stored, never sent: <see cref="OffenderListItem"/> is
    /// what the API answers.
    /// </summary>
    public sealed record OffenderListLine(
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

    /// <summary>Every obligation the policies opened on the offender, open and closed, in the order opened.</summary>
    /// <param name="Version">The record's version, as the ETag carries it.</param>
    public sealed record OffenderObligations(
        Guid OffenderId, long Version, IReadOnlyList<ObligationResponse> Obligations);

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
            .Produces<OffenderSummaryResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .LogsReads(AccessKind.Consultation, "offender-summary");
        offenders.MapGet("/{offenderId}/obligations", GetObligations)
            .WithName("GetOffenderObligations")
            .WithSummary("Every obligation the policies opened on the offender, open and closed, with the event or waiver that closed each")
            .Produces<OffenderObligations>()
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
    /// The summary (<see cref="OffenderSummaryResponse"/>) mapped from the offender's state, with its open obligations
    /// as <c>compliance.open</c>; <c>GET /offenders/{id}/obligations</c> has them all. The ETag is the state's version.
    /// </summary>
    internal static async Task<Results<Ok<OffenderSummaryResponse>, ProblemHttpResult>> GetSummary(
        Guid offenderId, HttpContext http, NpgsqlDataSource database, OffenderSummaryProjection summaries,
        CancellationToken cancellationToken)
    {
        if (await summaries.ReadOneAsync(database, offenderId, cancellationToken) is not { } offender)
            return Problems.OffenderNotFound(offenderId);

        ETags.Set(http, offender.Version);
        return TypedResults.Ok(OffenderSummaryResponse.From(offender));
    }

    /// <summary>
    /// Every obligation on the record, open and closed, in the order they were opened, from <c>mosovo.obligations</c>
    /// (the stored state keeps the open ones only), with the summary's version: one statement, so they agree.
    /// </summary>
    internal static async Task<Results<Ok<OffenderObligations>, ProblemHttpResult>> GetObligations(
        Guid offenderId, HttpContext http, NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            SELECT s.version, o.key, o.kind, o.what, o.why, o.opened_by_version, o.opened_by_type, o.anchor_at,
                   o.basis, o.due_at, o.closed_by_version, o.closed_by_type, o.closed_at, o.closed_by, o.waived,
                   o.waiver_reason
              FROM mosovo.offender_summaries s
              LEFT JOIN mosovo.obligations o ON o.offender_id = s.offender_id
             WHERE s.offender_id = $1
             ORDER BY o.opened_by_version, o.key
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = offenderId });
        long? version = null;
        var obligations = new List<ObligationResponse>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                version = reader.GetInt64(0);
                if (!reader.IsDBNull(1))
                    obligations.Add(Obligation(reader));
            }
        }

        if (version is null)
            return Problems.OffenderNotFound(offenderId);
        ETags.Set(http, version.Value);
        return TypedResults.Ok(new OffenderObligations(offenderId, version.Value, obligations));
    }

    /// <summary>One row of <c>mosovo.obligations</c>, from the second column on, as the API shows it.</summary>
    private static ObligationResponse Obligation(NpgsqlDataReader r)
    {
        var closure = r.IsDBNull(12) ? null : new ObligationClosureResponse(
            r.GetInt64(10), r.GetString(11), r.GetFieldValue<DateTimeOffset>(12), r.GetString(13), r.GetBoolean(14),
            r.IsDBNull(15) ? null : r.GetString(15));
        return new ObligationResponse(
            r.GetString(1), Enum.Parse<ObligationKind>(r.GetString(2)), r.GetString(3), r.GetString(4), r.GetInt64(5),
            r.GetString(6), r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetString(8),
            r.GetFieldValue<DateTimeOffset>(9), closure, closure is null);
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
            var line = reader.IsDBNull(0)
                ? ListLine(JsonSerializer.Deserialize<Offender>(reader.GetString(2), types.SerializerOptions)!)
                : JsonSerializer.Deserialize<OffenderListLine>(reader.GetString(0), types.SerializerOptions)!;
            items.Add(OffenderListItem.From(line));
            total = reader.GetInt64(1);
        }

        return (items, total);
    }

    /// <summary>The stored list line of an offender's state.</summary>
    public static OffenderListLine ListLine(Offender o) => new(
        o.Id, o.Identity.Reference, o.Identity.Name.GivenNames, o.Identity.Name.FamilyName, o.Identity.Aliases, o.Identity.DateOfBirth,
        o.Allocation.Team, o.Allocation.Manager, o.Registration.EndedOn is not null, o.Risk.RiskOfSeriousHarm?.ToString(),
        o.Visits.LastVisitAt, o.Registration.NextNotificationDue, o.Flags);
}
