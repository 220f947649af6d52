using Microsoft.AspNetCore.Http.HttpResults;

namespace Mosovo.Api.Http;

/// <summary>Errors as application/problem+json, always naming what was wrong.</summary>
public static class Problems
{
    public static ValidationProblem Validation(Validation validation) =>
        TypedResults.ValidationProblem(validation.Errors, title: "The request has invalid fields; nothing was written.");

    public static ProblemHttpResult Field(int status, string field, string message) =>
        TypedResults.Problem(
            statusCode: status,
            title: status == StatusCodes.Status428PreconditionRequired ? "Precondition required" : "The request has an invalid field; nothing was written.",
            detail: $"{field} {message}",
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["errors"] = new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] } });

    public static ProblemHttpResult OffenderNotFound(Guid offenderId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Offender not found",
            detail: $"No offender {offenderId} is visible to you.");

    public static ProblemHttpResult Conflict(long expected, long? actual) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The offender's record has changed",
            detail: $"You sent version {expected} but the record is at version {actual}. Read it again, check what changed, and resend. Nothing was written.",
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["currentVersion"] = actual });
}
