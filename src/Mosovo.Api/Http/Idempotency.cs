using System.Security.Cryptography;
using System.Text.Json;
using Mosovo.Api.Hosting;
using Npgsql;

namespace Mosovo.Api.Http;

/// <summary>
/// <c>Idempotency-Key</c> on POSTs. The first request's response is stored in the same transaction as its
/// events; a retry with the same key and body gets that response back and appends nothing; the same key with
/// another body gets 422. Keys belong to the user who sent them.
/// </summary>
public sealed record IdempotencyRequest(string UserId, string Key, string RequestHash);

/// <summary>The response a write gives, stored with an idempotency key so that a retry can be answered with it.</summary>
public sealed record WriteOutcome(int Status, object Body, string? Location, long Version);

public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 200;

    /// <summary>Lets the filter read a POST body after model binding has read it.</summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(Header))
                context.Request.EnableBuffering();
            await next(context);
        });

    /// <summary>Adds Idempotency-Key handling to a POST endpoint.</summary>
    public static RouteHandlerBuilder WithIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var key = http.Request.Headers[Header].ToString();
            if (!http.Request.Headers.ContainsKey(Header))
                return await next(context);
            if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength)
                return Problems.Field(StatusCodes.Status400BadRequest, Header, $"must be 1 to {MaxKeyLength} characters (a UUID is ideal).");
            // The key is stored and looked up as text: PostgreSQL refuses a NUL, and no key needs a control character.
            if (Validation.CharacterProblem(key, freeText: false) is { } problem)
                return Problems.Field(StatusCodes.Status400BadRequest, Header, problem);

            var user = CurrentUser.From(http.User);
            var request = new IdempotencyRequest(user.Id, key, await HashAsync(http.Request));
            var stored = await FindAsync(http.RequestServices.GetRequiredService<NpgsqlDataSource>(), request, http.RequestAborted);
            if (stored is not null)
                return stored;

            http.Features.Set(request);
            return await next(context);
        });

    /// <summary>
    /// In the write's transaction, before anything else: waits for any twin of this request (same user and key)
    /// that is being written now, then answers with the stored first response if there is one. Twins sent in
    /// parallel thus queue here, and all but the first are answered with the first one's answer.
    /// </summary>
    public static async Task<IResult?> ClaimAsync(
        NpgsqlConnection connection, IdempotencyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using (var wait = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection))
        {
            var name = $"idempotency\n{request.UserId}\n{request.Key}";
            wait.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            await wait.ExecuteNonQueryAsync(cancellationToken);
        }

        return await FindAsync(connection, request, cancellationToken);
    }

    /// <summary>The key with the response this request is about to give, in the write's transaction.</summary>
    public static async Task StoreAsync(
        NpgsqlConnection connection,
        IdempotencyRequest request,
        WriteOutcome response,
        JsonSerializerOptions json,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO mosovo.idempotency_keys (user_id, key, request_hash, status, location, etag, body, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.RequestHash });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = response.Status });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.Location ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ETags.For(response.Version) });
        var body = JsonSerializer.Serialize(response.Body, response.Body.GetType(), json);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = body });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IResult?> FindAsync(
        NpgsqlDataSource dataSource, IdempotencyRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, request, cancellationToken);
    }

    private static async Task<IResult?> FindAsync(
        NpgsqlConnection connection, IdempotencyRequest request, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT request_hash, status, location, etag, body FROM mosovo.idempotency_keys
             WHERE user_id = $1 AND key = $2
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.Key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;

        if (!string.Equals(reader.GetString(0), request.RequestHash, StringComparison.Ordinal))
        {
            return Problems.Field(StatusCodes.Status422UnprocessableEntity, Header,
                "was already used for a different request. Use a new key for a new request.");
        }

        return new StoredResponse(
            reader.GetInt32(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetString(4));
    }

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.Body.Position = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
            sha.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private sealed class StoredResponse(int status, string? location, string? etag, string body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            if (location is not null) httpContext.Response.Headers.Location = location;
            if (etag is not null) httpContext.Response.Headers.ETag = etag;
            httpContext.Response.Headers[ReplayedHeader] = "true";
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await httpContext.Response.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
