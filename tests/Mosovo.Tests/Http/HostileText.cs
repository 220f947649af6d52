using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mosovo.Tests.Http;

/// <summary>What a hostile or broken client puts in a text field.</summary>
public enum Hostile
{
    /// <summary>U+0000, which PostgreSQL's text and jsonb refuse.</summary>
    Nul,

    /// <summary>U+001B (escape): a C0 control character allowed nowhere.</summary>
    ControlCharacter,

    /// <summary>U+D800 with no low surrogate after it: not Unicode text at all.</summary>
    LoneSurrogate,

    /// <summary>A million characters.</summary>
    Huge,
}

/// <summary>
/// Hostile values as a client sends them (raw JSON, since a lone surrogate can only travel as an escape; or a query
/// string), and the string fields of a valid JSON body, named as problems name them (<c>officers[1].name</c>).
/// </summary>
public static class HostileText
{
    public const int HugeLength = 1_000_000;

    private const string Marker = "@@hostile-value@@";

    public static IEnumerable<Hostile> All => Enum.GetValues<Hostile>();

    /// <summary>The value as a JSON string literal.</summary>
    public static string Json(Hostile kind) => kind switch
    {
        Hostile.Nul => "\"Fictional\\u0000text\"",
        Hostile.ControlCharacter => "\"Fictional\\u001Btext\"",
        Hostile.LoneSurrogate => "\"Fictional\\uD800text\"",
        _ => "\"" + new string('x', HugeLength) + "\"",
    };

    /// <summary>The value percent-encoded for a query (a lone surrogate as the bytes a broken encoder sends).</summary>
    public static string Query(Hostile kind) => kind switch
    {
        Hostile.Nul => "Fictional%00text",
        Hostile.ControlCharacter => "Fictional%1Btext",
        Hostile.LoneSurrogate => "Fictional%ED%A0%80text",
        _ => new string('x', HugeLength),
    };

    /// <summary>The path of every string in <paramref name="body"/>, in document order.</summary>
    public static IReadOnlyList<string> StringFields(JsonNode body) =>
        Values(body).Where(v => v.Value.GetValueKind() == JsonValueKind.String).Select(v => v.Path).ToList();

    /// <summary>The path and value of every string, number and boolean in <paramref name="body"/>.</summary>
    public static IReadOnlyList<(string Path, JsonValue Value)> Values(JsonNode body)
    {
        var values = new List<(string, JsonValue)>();
        Collect(body, "", values);
        return values;
    }

    /// <summary>The body as JSON with <paramref name="kind"/> at <paramref name="path"/> (added when absent).</summary>
    public static string With(JsonObject body, string path, Hostile kind) => WithJson(body, path, Json(kind));

    /// <summary>The body as JSON with the raw JSON <paramref name="json"/> at <paramref name="path"/>.</summary>
    public static string WithJson(JsonObject body, string path, string json)
    {
        var copy = body.DeepClone().AsObject();
        Set(copy, path, Marker);
        return copy.ToJsonString().Replace($"\"{Marker}\"", json, StringComparison.Ordinal);
    }

    private static void Collect(JsonNode? node, string path, List<(string, JsonValue)> values)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                    Collect(value, path.Length == 0 ? name : $"{path}.{name}", values);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    Collect(a[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), values);
                break;
            case JsonValue v:
                values.Add((path, v));
                break;
        }
    }

    /// <summary>Sets a value by a path such as <c>officers[1].name</c>, adding missing objects on the way.</summary>
    private static void Set(JsonObject root, string path, string value)
    {
        JsonNode parent = root;
        var segments = path.Split('.');
        for (var s = 0; s < segments.Length; s++)
        {
            var segment = segments[s];
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            var last = s == segments.Length - 1;
            if (bracket < 0)
            {
                if (last)
                {
                    parent[name] = value;
                    return;
                }

                parent = parent[name] ??= new JsonObject();
                continue;
            }

            var index = int.Parse(segment[(bracket + 1)..^1], CultureInfo.InvariantCulture);
            var array = parent[name]!.AsArray();
            if (last)
            {
                array[index] = value;
                return;
            }

            parent = array[index]!;
        }
    }
}
