using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Mosovo.Api.Http;

/// <summary>The stream version travels as a strong ETag: <c>"7"</c>. Writes send it back in If-Match.</summary>
public static class ETags
{
    public static string For(long version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    public static void Set(HttpContext context, long version) => context.Response.Headers.ETag = For(version);

    /// <summary>The version the client says it last read, or a problem naming the If-Match header.</summary>
    public static (long? Version, IResult? Problem) ReadIfMatch(HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0 || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return (null, Problems.Field(StatusCodes.Status428PreconditionRequired, "If-Match",
                "Send the offender's current version in If-Match (the ETag of your last read), so that you do not overwrite a change you have not seen."));
        }

        if (EntityTagHeaderValue.TryParse(values.ToString(), out var tag) && !tag.IsWeak)
        {
            var text = tag.Tag.AsSpan().Trim('"');
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
                return (version, null);
        }

        return (null, Problems.Field(StatusCodes.Status400BadRequest, "If-Match", "must be one strong ETag such as \"3\", as returned by the last read."));
    }
}
