using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Mosovo.Api.Hosting;

/// <summary>
/// Turns the exceptions a request can end in into problem+json that names what was wrong: unreadable JSON
/// (with the field's path), unparseable route or query values, and concurrency conflicts.
/// </summary>
/// <remarks>
/// A request refused here never reached its endpoint's access logging: when the endpoint logs its requests, the
/// refusal is logged here (e.g. a partner's read with a malformed offender id).
/// </remarks>
public sealed partial class ExceptionHandling(
    IProblemDetailsService problems,
    Audit.AccessLog log,
    TimeProvider time,
    ILogger<ExceptionHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext,
        Exception exception,
        CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => FieldProblem(
                StatusCodes.Status400BadRequest, FieldOf(json.Path),
                "has a value of the wrong type or an unknown value.",
                "The request body could not be read; nothing was written."),
            BadHttpRequestException bad when BindFailure().Match(bad.Message) is { Success: true } m => FieldProblem(
                StatusCodes.Status400BadRequest, m.Groups["name"].Value,
                $"'{Shown(bad.Message[m.Length..])}' is not valid.",
                "The request has an invalid value; nothing was written."),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read; nothing was written.",
                Detail = bad.Message,
            },
            JasperFx.Events.EventStreamUnexpectedMaxEventIdException conflict => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The offender's record has changed",
                Detail = conflict.Message,
            },
            _ => null,
        };

        if (problem is null)
            return false;

        logger.LogInformation("Request answered {Status}: {Message}", problem.Status, exception.Message);
        // The exception handler has cleared the endpoint and route values; its feature keeps the ones that failed.
        var failed = httpContext.Features.Get<IExceptionHandlerFeature>();
        if (exception is BadHttpRequestException
            && failed?.Endpoint?.Metadata.GetMetadata<Audit.AccessLogged>() is { } logged)
        {
            await log.RecordAsync(
                Audit.AccessLogEntry.For(httpContext, time.GetUtcNow(), Audit.AccessKind.Refusal, logged.What,
                    Audit.AccessLogEntry.OffenderIdOf(failed.RouteValues), problem.Status!.Value),
                cancellationToken);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(
            new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>JSON paths such as <c>$.address.postcode</c> become <c>address.postcode</c>.</summary>
    internal static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
            return "body";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : char.ToLowerInvariant(field[0]) + field[1..];
    }

    private static ProblemDetails FieldProblem(int status, string field, string message, string title) => new()
    {
        Status = status,
        Title = title,
        Detail = $"{field} {message}",
        Extensions = { ["errors"] = new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] } },
    };

    /// <summary>
    /// The value that could not be bound, from the rest of the message (<c>abc".</c>), as much as is worth echoing: the
    /// value may hold quotes, control characters or a million characters.
    /// </summary>
    private static string Shown(string rest)
    {
        var value = rest.EndsWith("\".", StringComparison.Ordinal) ? rest[..^2] : rest;
        return Audit.AccessLogEntry.Printable(value.Length > MaxShown ? value[..MaxShown] + "..." : value);
    }

    private const int MaxShown = 100;

    // ASP.NET Core's wording: Failed to bind parameter "Guid offenderId" from "abc". The value is read after the match.
    [GeneratedRegex(
        "^Failed to bind parameter \"[^ \"]+ (?<name>[^\"]+)\" from \"",
        RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 100)]
    private static partial Regex BindFailure();
}
