using System.Net;
using System.Net.Http.Headers;
using Alba;

namespace Mosovo.Tests.Infrastructure;

/// <summary>
/// An Alba scenario's answer read as HttpClient's typed headers read it, so that a test moved from an HttpClient to
/// a scenario compares the very same values.
/// </summary>
public static class ScenarioAnswers
{
    public static HttpStatusCode StatusCode(this IScenarioResult result) =>
        (HttpStatusCode)result.Context.Response.StatusCode;

    /// <summary>The ETag header, parsed (its <c>Tag</c> keeps the quotes).</summary>
    public static EntityTagHeaderValue ETag(this IScenarioResult result) =>
        EntityTagHeaderValue.Parse(result.Context.Response.Headers.ETag.ToString());

    /// <summary>The Location header, as the URI it names.</summary>
    public static Uri Location(this IScenarioResult result) =>
        new(result.Context.Response.Headers.Location.ToString(), UriKind.RelativeOrAbsolute);

    /// <summary>The Content-Type's media type, without its parameters (null without a Content-Type).</summary>
    public static string? MediaType(this IScenarioResult result) =>
        result.Context.Response.ContentType is { } type ? MediaTypeHeaderValue.Parse(type).MediaType : null;
}
