using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Mosovo.Api.Offenders;
using Npgsql;

namespace Mosovo.Api.Audit;

/// <summary>
/// What auditors (information assurance) read: the access and change log, filtered and paged or exported
/// whole as CSV or JSON, and an offender's subject access report of disclosures. Their reads are logged too.
/// </summary>
public static class AuditEndpoints
{
    public const int DefaultPageSize = 100, MaxPageSize = 500;

    /// <summary>The most entries one export holds (read whole before answering, so that a failure is an error, not a cut-off file).</summary>
    public const int MaxExportRows = 100_000;

    /// <summary>One row of the log as auditors read it.</summary>
    public sealed record LogRow(
        long Id, DateTimeOffset At, string Kind, string What, Guid? OffenderId, string UserId, string UserName, string Roles,
        string? Agency, string? Team, string? Purpose, int Outcome, string Method, string Path, string? ClientAddress, Guid CorrelationId,
        IReadOnlyList<Guid>? Offenders);

    /// <param name="NextBefore">Pass as <c>before</c> for the next (older) page; null when this is the last.</param>
    public sealed record LogPage(int Count, IReadOnlyList<LogRow> Entries, long? NextBefore);

    /// <summary>One disclosure of the offender's data outside the force.</summary>
    /// <param name="Kind">partner-read (the partner summary), partner-list (named in a partner's list of shared offenders), share-granted,
    /// ppn-submitted, ppn-shared or risk-disclosure.</param>
    /// <param name="To">The agency, or the role of the person told (never their name).</param>
    public sealed record Disclosure(DateTimeOffset At, string Kind, string To, string By, string? Purpose);

    public sealed record SubjectAccessReport(Guid OffenderId, string Reference, int Count, IReadOnlyList<Disclosure> Disclosures);

    /// <summary>The log's filters, as the query string gives them.</summary>
    public sealed record Filter(Guid? OffenderId, string? UserId, string? Agency, string? Kind, DateTimeOffset? From, DateTimeOffset? To);

    public static void Map(IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/audit")
            .WithTags("Audit")
            .RequireAuthorization(Policies.Audit)
            .ChecksText()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        audit.MapGet("/log", Query)
            .WithName("QueryAccessLog")
            .WithSummary("The access and change log, newest first: filter by offenderId, userId, agency, kind, from and to; page with before")
            .ProducesValidationProblem()
            .LogsReads(AccessKind.Consultation, "access-log");
        audit.MapGet("/log/export", Export)
            .WithName("ExportAccessLog")
            .WithSummary("The log entries matching the filters, oldest first, as CSV (format=csv) or JSON (format=json); at most 100,000 entries")
            .ProducesValidationProblem()
            .LogsReads(AccessKind.Consultation, "access-log-export");
        audit.MapGet("/offenders/{offenderId}/disclosures", Report)
            .WithName("GetSubjectAccessReport")
            .WithSummary("Every disclosure of the offender's data to a partner or a member of the public, in date order")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .LogsReads(AccessKind.Consultation, "subject-access-report");
    }

    internal static async Task<Results<Ok<LogPage>, ValidationProblem>> Query(
        Guid? offenderId, string? userId, string? agency, string? kind, DateTimeOffset? from, DateTimeOffset? to, long? before, int? pageSize,
        NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        var filter = new Filter(offenderId, userId, agency, kind, from, to);
        var v = Check(filter);
        var size = pageSize ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize) v.Add("pageSize", $"must be between 1 and {MaxPageSize}.");
        if (!v.IsValid)
            return Problems.Validation(v);

        await using var command = Select(database, filter, before, newestFirst: true, limit: size + 1);
        var rows = new List<LogRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(Row(reader));
        }

        var more = rows.Count > size;
        if (more) rows.RemoveAt(rows.Count - 1);
        return TypedResults.Ok(new LogPage(rows.Count, rows, more ? rows[^1].Id : null));
    }

    internal static async Task<IResult> Export(
        Guid? offenderId, string? userId, string? agency, string? kind, DateTimeOffset? from, DateTimeOffset? to, string? format,
        HttpContext http, NpgsqlDataSource database, TimeProvider time, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var filter = new Filter(offenderId, userId, agency, kind, from, to);
        var v = Check(filter);
        if (format is not ("csv" or "json")) v.Add("format", "must be csv or json.");
        if (!v.IsValid)
            return Problems.Validation(v);

        // Read the whole result before answering, so that a failure is an error status, not a cut-off file.
        var rows = new List<LogRow>();
        await using (var command = Select(database, filter, before: null, newestFirst: false, limit: MaxExportRows + 1))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(Row(reader));
        }

        if (rows.Count > MaxExportRows)
        {
            var tooMany = new Validation();
            tooMany.Add("from", $"more than {MaxExportRows:N0} entries match: narrow the time range (from, to) or the other filters.");
            return Problems.Validation(tooMany);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"access-log-{time.GetUtcNow():yyyyMMddTHHmmssZ}.{format}");
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        return format == "json"
            ? TypedResults.Json(rows, json.Value.SerializerOptions)
            : TypedResults.Text(Csv(rows), "text/csv; charset=utf-8");
    }

    internal static async Task<Results<Ok<SubjectAccessReport>, ProblemHttpResult>> Report(
        Guid offenderId, NpgsqlDataSource database, EventTypeRegistry types, CancellationToken cancellationToken)
    {
        if (await OffenderSummaryProjection.ReadOneAsync(database, offenderId, types, cancellationToken) is not { } offender)
            return Problems.OffenderNotFound(offenderId);

        // What the record holds first, so that a read at the same moment as the share it was made under follows it.
        var disclosures = Recorded(offender).ToList();
        await using (var reads = database.CreateCommand(
            """
            SELECT at, coalesce(agency, 'unknown agency'), user_name, purpose, what FROM mosovo.access_log
            WHERE (offender_id = $1 OR offenders @> ARRAY[$1]) AND kind = 'disclosure' AND outcome BETWEEN 200 AND 299
            ORDER BY id
            """))
        {
            reads.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = offenderId });
            await using var reader = await reads.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                disclosures.Add(new Disclosure(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(4) == "partner-summary" ? "partner-read" : "partner-list",
                    reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        var inOrder = disclosures.OrderBy(d => d.At).ToList();
        return TypedResults.Ok(new SubjectAccessReport(offenderId, offender.Identity.Reference, inOrder.Count, inOrder));
    }

    /// <summary>The disclosures the record itself holds: shares granted, PPNs submitted and shared, risk disclosures made.</summary>
    public static IEnumerable<Disclosure> Recorded(Offender offender)
    {
        ArgumentNullException.ThrowIfNull(offender);
        foreach (var share in offender.Shares.All)
            yield return new Disclosure(share.GrantedAt, "share-granted", share.Agency.ToString(), share.GrantedBy.Name, share.Purpose);
        foreach (var ppn in offender.Compliance.Ppns)
        {
            if (ppn.Submission is { } submitted)
                yield return new Disclosure(submitted.SubmittedAt, "ppn-submitted", ppn.AddressedTo, submitted.SubmittedBy.Name, "Police protection notice");
            foreach (var shared in ppn.Shares)
                yield return new Disclosure(shared.SharedAt, "ppn-shared", string.Join(", ", shared.Agencies), shared.RecordedBy.Name, shared.Purpose);
        }

        foreach (var risk in offender.Disclosures.RiskDisclosuresMade)
            yield return new Disclosure(risk.DisclosedAt, "risk-disclosure", risk.DisclosedToRole.ToString(), risk.DisclosedBy.Name, "Risk disclosure");
    }

    private static Validation Check(Filter filter)
    {
        var v = new Validation();
        if (filter.Kind is { } kind && !Enum.GetValues<AccessKind>().Any(k => AccessLogEntry.Words(k) == kind))
            v.Add("kind", $"must be one of: {string.Join(", ", Enum.GetValues<AccessKind>().Select(AccessLogEntry.Words))}.");
        if (filter.From is { } from && filter.To is { } to && to <= from) v.Add("to", "must be after from.");
        if (filter.UserId?.Length > 200) v.Add("userId", "must be at most 200 characters.");
        if (filter.Agency?.Length > 200) v.Add("agency", "must be at most 200 characters.");
        return v;
    }

    private static NpgsqlCommand Select(NpgsqlDataSource database, Filter filter, long? before, bool newestFirst, int limit)
    {
        var command = database.CreateCommand();
        var conditions = new List<string>();
        void Where(string sql, NpgsqlParameter parameter)
        {
            command.Parameters.Add(parameter);
            conditions.Add(sql.Replace("$", "$" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        if (filter.OffenderId is { } offender) Where("(offender_id = $ OR offenders @> ARRAY[$])", new NpgsqlParameter<Guid> { TypedValue = offender });
        if (filter.UserId is { } user) Where("user_id = $", new NpgsqlParameter<string> { TypedValue = user });
        if (filter.Agency is { } agency) Where("agency = $", new NpgsqlParameter<string> { TypedValue = agency });
        if (filter.Kind is { } kind) Where("kind = $", new NpgsqlParameter<string> { TypedValue = kind });
        if (filter.From is { } from) Where("at >= $", new NpgsqlParameter<DateTimeOffset> { TypedValue = from });
        if (filter.To is { } to) Where("at < $", new NpgsqlParameter<DateTimeOffset> { TypedValue = to });
        if (before is { } id) Where("id < $", new NpgsqlParameter<long> { TypedValue = id });

        var sql = new StringBuilder(
            "SELECT id, at, kind, what, offender_id, user_id, user_name, roles, agency, team, purpose, outcome, method, path, client_address, correlation_id, offenders FROM mosovo.access_log");
        if (conditions.Count > 0) sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        sql.Append(newestFirst ? " ORDER BY id DESC" : " ORDER BY id");
        sql.Append(CultureInfo.InvariantCulture, $" LIMIT {limit}");
        command.CommandText = sql.ToString();
        return command;
    }

    private static LogRow Row(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetGuid(4),
        r.GetString(5), r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9),
        r.IsDBNull(10) ? null : r.GetString(10), r.GetInt32(11), r.GetString(12), r.GetString(13), r.IsDBNull(14) ? null : r.GetString(14), r.GetGuid(15),
        r.IsDBNull(16) ? null : r.GetFieldValue<Guid[]>(16));

    /// <summary>RFC 4180 CSV; a cell a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.</summary>
    public static string Csv(IEnumerable<LogRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder("id,at,kind,what,offenderId,userId,userName,roles,agency,team,purpose,outcome,method,path,clientAddress,correlationId,offenders\r\n");
        foreach (var r in rows)
        {
            string?[] cells =
            [
                r.Id.ToString(CultureInfo.InvariantCulture), r.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture), r.Kind, r.What,
                r.OffenderId?.ToString(), r.UserId, r.UserName, r.Roles, r.Agency, r.Team, r.Purpose, r.Outcome.ToString(CultureInfo.InvariantCulture),
                r.Method, r.Path, r.ClientAddress, r.CorrelationId.ToString(), r.Offenders is null ? null : string.Join(' ', r.Offenders),
            ];
            csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
