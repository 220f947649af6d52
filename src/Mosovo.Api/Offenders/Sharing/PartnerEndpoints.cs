using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Mosovo.Api.Audit;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Mosovo.Api.Offenders;
using Npgsql;

namespace Mosovo.Api.Offenders;

/// <summary>
/// What MAPPA partners read: the offenders shared with their agency, and each one's partner summary. Nothing
/// else: an offender not shared with the caller's agency (never shared, revoked, or expired even a second ago)
/// answers 404 exactly as one that does not exist. Every read states its purpose in the Access-Purpose header
/// and is logged as a disclosure; a read without a purpose is refused (400) and logged as a refusal.
/// </summary>
public static class PartnerEndpoints
{
    /// <summary>One offender shared with the caller's agency.</summary>
    public sealed record SharedOffender(Guid OffenderId, string Reference, PersonName Name, DateOnly DateOfBirth, PartnerSummary.Share SharedWith);

    public sealed record SharedOffenders(PartnerAgency? Agency, int Count, IReadOnlyList<SharedOffender> Offenders);

    public const int MaxListed = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var partner = app.MapGroup("/partner")
            .WithTags("Partners")
            .RequireAuthorization(Policies.ReadShared)
            .ChecksText()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        partner.MapGet("/offenders/{offenderId}", GetSummary)
            .WithName("GetPartnerSummary")
            .WithSummary("The partner summary of an offender shared with your agency")
            .WithDescription($"State the purpose of the read in the {AccessLogEntry.PurposeHeader} header. Every read is logged.")
            .Produces<PartnerSummary>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .LogsReads(AccessKind.Disclosure, "partner-summary");

        partner.MapGet("/offenders", List)
            .WithName("ListSharedOffenders")
            .WithSummary("The offenders shared with your agency now, with each share's purpose and end")
            .WithDescription($"State the purpose of the read in the {AccessLogEntry.PurposeHeader} header. Every read is logged.")
            .ProducesValidationProblem()
            .RequireAuthorization(Policies.ListShared)
            .LogsReads(AccessKind.Disclosure, "shared-offenders");
    }

    internal static async Task<Results<Ok<PartnerSummary>, ValidationProblem, ProblemHttpResult>> GetSummary(
        Guid offenderId, HttpContext http, NpgsqlDataSource database, EventTypeRegistry types, TimeProvider time, IOptions<SharingOptions> options,
        CancellationToken cancellationToken)
    {
        if (RequirePurpose(http) is { } refused)
            return refused;

        var now = time.GetUtcNow();
        if (SharingArea.AgencyOf(CurrentUser.From(http.User).Agency) is not { } agency)
            return Problems.OffenderNotFound(offenderId);

        // Not shared with the caller's agency now (never, revoked or past its until) answers as no offender at all.
        if (await OffenderSummaryProjection.ReadOneAsync(database, offenderId, types, cancellationToken) is not { } offender)
            return Problems.OffenderNotFound(offenderId);
        if (offender.Shares.ActiveFor(agency, now) is not { } share)
            return Problems.OffenderNotFound(offenderId);
        return TypedResults.Ok(PartnerSummary.From(offender, share, now, options.Value.RecentEvents));
    }

    internal static async Task<Results<Ok<SharedOffenders>, ValidationProblem>> List(
        HttpContext http, NpgsqlDataSource database, TimeProvider time, CancellationToken cancellationToken)
    {
        if (RequirePurpose(http) is { } refused)
            return refused;

        var now = time.GetUtcNow();
        // The ListShared policy has already refused (403, logged) a token that names no known agency.
        var agency = SharingArea.AgencyOf(CurrentUser.From(http.User).Agency)
            ?? throw new InvalidOperationException($"{Policies.ListShared} lets through only a known agency.");

        await using var command = database.CreateCommand(
            """
            SELECT DISTINCT ON (s.offender_id) s.offender_id, s.reference, s.given_names, s.family_name, s.date_of_birth,
                   p.share_id, p.purpose, p.serves_level, p.serves_meeting_id, p.until
            FROM mosovo.partner_shares p JOIN mosovo.offender_summaries s ON s.offender_id = p.offender_id
            WHERE p.agency = $1 AND p.revoked_at IS NULL AND p.until > $2
            ORDER BY s.offender_id, p.until DESC
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = agency.ToString() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = MaxListed });
        var offenders = new List<SharedOffender>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            offenders.Add(new SharedOffender(reader.GetGuid(0), reader.GetString(1), new PersonName(reader.GetString(2), reader.GetString(3)),
                reader.GetFieldValue<DateOnly>(4),
                new PartnerSummary.Share(reader.GetGuid(5), agency, reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetGuid(8), reader.GetFieldValue<DateTimeOffset>(9))));
        }

        offenders.Sort((a, b) => string.CompareOrdinal(a.Name.FamilyName + " " + a.Name.GivenNames, b.Name.FamilyName + " " + b.Name.GivenNames));
        // The list discloses each offender's name and date of birth: the log entry names them all.
        http.Items[AccessLogEntry.ListedOffendersItem] = offenders.Select(o => o.OffenderId).ToList();
        return TypedResults.Ok(new SharedOffenders(agency, offenders.Count, offenders));
    }

    /// <summary>A partner's read must state its purpose: 400 naming the header when it does not.</summary>
    private static ValidationProblem? RequirePurpose(HttpContext http)
    {
        var purpose = AccessLogEntry.PurposeOf(http);
        var v = new Validation();
        if (purpose is null)
            v.Add(AccessLogEntry.PurposeHeader, "is required: state why you are reading (e.g. \"MAPPA level 2 meeting 12 March: risk management plan\").");
        else if (purpose.Length > AccessLogEntry.MaxPurposeLength)
            v.Add(AccessLogEntry.PurposeHeader, $"must be at most {AccessLogEntry.MaxPurposeLength} characters.");
        return v.IsValid ? null : Problems.Validation(v);
    }
}
