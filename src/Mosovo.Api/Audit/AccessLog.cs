using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using Npgsql;

namespace Mosovo.Api.Audit;

/// <summary>What happened to the data, in the words of the Data Protection Act 2018 s.62.</summary>
public enum AccessKind
{
    /// <summary>A force user read an offender's record.</summary>
    Consultation,

    /// <summary>A partner agency read a partner summary: the data left the force.</summary>
    Disclosure,

    /// <summary>A new record: an offender registered.</summary>
    Collection,

    /// <summary>A change to a record: events appended.</summary>
    Alteration,

    /// <summary>An attempt the API refused: no role for it, not shared, or no purpose stated.</summary>
    Refusal,
}

/// <summary>One row of the access and change log: who, what, when, why, from where, and the correlation id.</summary>
/// <param name="What">The view read (<c>offender-summary</c>, <c>partner-summary</c>, ...) or the event types written.</param>
/// <param name="Outcome">The HTTP status answered (201 for a write).</param>
public sealed record AccessLogEntry(
    DateTimeOffset At,
    AccessKind Kind,
    string What,
    Guid? OffenderId,
    string UserId,
    string UserName,
    string Roles,
    string? Agency,
    string? Team,
    string? Purpose,
    int Outcome,
    string Method,
    string Path,
    string? ClientAddress,
    Guid CorrelationId)
{
    /// <summary>Every offender a list showed (a partner's shared offenders), when the read was of several.</summary>
    public IReadOnlyList<Guid>? Offenders { get; init; }

    /// <summary>The <see cref="HttpContext.Items"/> key a handler that lists offenders puts their ids under, for its entry.</summary>
    public const string ListedOffendersItem = "Mosovo.AccessLog.ListedOffenders";

    /// <summary>The header a caller states the purpose of a read in (required of partners).</summary>
    public const string PurposeHeader = "Access-Purpose";

    public const int MaxPurposeLength = 500;

    private const int MaxPathLength = 2000;

    /// <summary>The system's own writes (e.g. recording that a share expired).</summary>
    public static readonly Actor System = new("mosovo-system", "Mosovo (system)");

    /// <summary>An entry for the request: the caller, their stated purpose, the address it came from.</summary>
    public static AccessLogEntry For(HttpContext http, DateTimeOffset at, AccessKind kind, string what, Guid? offenderId, int outcome)
    {
        var authenticated = http.User.Identity?.IsAuthenticated == true;
        var user = authenticated ? CurrentUser.From(http.User) : null;
        var path = http.Request.Path.Value + http.Request.QueryString.Value;
        var purpose = PurposeOf(http) is { Length: > 0 } stated
            ? Printable(stated[..Math.Min(stated.Length, MaxPurposeLength)])
            : null;
        return new AccessLogEntry(
            at, kind, what, offenderId,
            user?.Id ?? "anonymous", user?.Name ?? "anonymous", user is null ? "" : string.Join(',', user.Roles), user?.Agency, user?.Team,
            purpose, outcome, http.Request.Method, Printable(path[..Math.Min(path.Length, MaxPathLength)]),
            http.Connection.RemoteIpAddress?.ToString(), OffenderStreams.CorrelationId(http))
        {
            Offenders = http.Items.TryGetValue(ListedOffendersItem, out var listed) ? listed as IReadOnlyList<Guid> : null,
        };
    }

    /// <summary>An entry for a write the system makes on its own account.</summary>
    public static AccessLogEntry ForSystem(DateTimeOffset at, string what, Guid offenderId, string purpose, Guid correlationId) =>
        new(at, AccessKind.Alteration, what, offenderId, System.UserId, System.Name, "", null, null, purpose, StatusCodes.Status201Created,
            "SYSTEM", "", null, correlationId);

    /// <summary>The purpose the caller stated, trimmed; null when none.</summary>
    public static string? PurposeOf(HttpContext http)
    {
        var stated = http.Request.Headers[PurposeHeader].ToString().Trim();
        return stated.Length == 0 ? null : stated;
    }

    /// <summary>
    /// What the caller sent, fit to be stored: each control character and unpaired surrogate becomes U+FFFD. The log is
    /// written before a request is refused or answered (a 403, an unreadable id), so a header or path with a NUL, which
    /// PostgreSQL refuses, must not fail the entry and with it the answer.
    /// </summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Http.Validation.CharacterProblem(text, freeText: false) is null)
            return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
                i++;
            else if (char.IsControl(chars[i]) || char.IsSurrogate(chars[i]))
                chars[i] = '\uFFFD';
        }

        return new string(chars);
    }

    /// <summary>The offender the request is about, from the route.</summary>
    public static Guid? OffenderIdOf(HttpContext http) => OffenderIdOf(http.Request.RouteValues);

    public static Guid? OffenderIdOf(RouteValueDictionary? routeValues) =>
        routeValues?.TryGetValue("offenderId", out var value) == true && Guid.TryParse(value?.ToString(), out var id) ? id : null;

    public static string Words(AccessKind kind) => kind.ToString().ToLowerInvariant();
}

/// <summary>The <c>AccessLog</c> section.</summary>
public sealed class AccessLogOptions
{
    public const string Section = "AccessLog";

    /// <summary>
    /// Default true. False is accepted only in Development, and only so that build/bench.sh partner can
    /// measure what logging costs; the service refuses to start with it anywhere else.
    /// </summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// Appends to <c>mosovo.access_log</c>: alone (a read, logged before its answer is sent: if the entry cannot be
/// written the answer is not sent) or in a write's transaction (the entry commits with the events or not at all).
/// </summary>
public sealed class AccessLog(NpgsqlDataSource dataSource, Microsoft.Extensions.Options.IOptions<AccessLogOptions> options)
{
    private const string Insert =
        """
        INSERT INTO mosovo.access_log
            (at, kind, what, offender_id, user_id, user_name, roles, agency, team, purpose, outcome, method, path, client_address, correlation_id, offenders)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
        """;

    public bool Enabled => options.Value.Enabled;

    public async Task RecordAsync(AccessLogEntry entry, CancellationToken cancellationToken)
    {
        if (!Enabled)
            return;
        await using var command = dataSource.CreateCommand(Insert);
        AddParameters(command.Parameters, entry);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records the entry on a write's connection, in its transaction: it commits with the write or not at all.</summary>
    public async Task RecordAsync(AccessLogEntry entry, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (!Enabled)
            return;
        await using var command = new NpgsqlCommand(Insert, connection);
        AddParameters(command.Parameters, entry);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameters(NpgsqlParameterCollection parameters, AccessLogEntry entry)
    {
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.At });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = AccessLogEntry.Words(entry.Kind) });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.What });
        parameters.Add(new NpgsqlParameter { Value = (object?)entry.OffenderId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.UserId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.UserName });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Roles });
        parameters.Add(Text(entry.Agency));
        parameters.Add(Text(entry.Team));
        parameters.Add(Text(entry.Purpose));
        parameters.Add(new NpgsqlParameter<int> { TypedValue = entry.Outcome });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Method });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Path });
        parameters.Add(Text(entry.ClientAddress));
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = entry.CorrelationId });
        parameters.Add(new NpgsqlParameter { Value = (object?)entry.Offenders?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid });
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };
}
