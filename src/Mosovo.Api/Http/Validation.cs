using System.Globalization;
using System.Text.RegularExpressions;

namespace Mosovo.Api.Http;

/// <summary>
/// Collects what is wrong with a request, field by field, in the JSON names the client sent. A handler
/// validates everything before it decides anything, so a 400 never writes. Before any of that, every string of the
/// request has been held to <see cref="TextProblem"/> by <see cref="TextInput"/>.
/// </summary>
public sealed partial class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>Required text, trimmed, at most <paramref name="maxLength"/> characters.</summary>
    public string Text(string field, string? value, int maxLength, bool required = true)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required) Add(field, "is required.");
            return string.Empty;
        }

        if (trimmed.Length > maxLength)
            Add(field, string.Create(CultureInfo.InvariantCulture, $"must be at most {maxLength} characters."));
        return trimmed;
    }

    public string? OptionalText(string field, string? value, int maxLength)
    {
        var text = Text(field, value, maxLength, required: false);
        return text.Length == 0 ? null : text;
    }

    public T Required<T>(string field, T? value) where T : struct
    {
        if (value is null)
        {
            Add(field, "is required.");
            return default;
        }

        return value.Value;
    }

    public T Required<T>(string field, T? value) where T : class
    {
        if (value is null) Add(field, "is required.");
        return value!;
    }

    /// <summary>A date that has happened: not after today.</summary>
    public DateOnly PastDate(string field, DateOnly? value, DateOnly today, bool required = true)
    {
        if (value is null)
        {
            if (required) Add(field, "is required.");
            return default;
        }

        if (value.Value > today) Add(field, "cannot be in the future.");
        if (value.Value.Year < 1900) Add(field, "must be after 1900.");
        return value.Value;
    }

    /// <summary>A moment that has happened: not after now (a small allowance for clock drift between devices).</summary>
    public DateTimeOffset PastMoment(string field, DateTimeOffset? value, DateTimeOffset now)
    {
        if (value is null)
        {
            Add(field, "is required.");
            return default;
        }

        if (value.Value > now + ClockAllowance) Add(field, "cannot be in the future.");
        if (value.Value.Year < 1900) Add(field, "must be after 1900.");
        return value.Value;
    }

    public IReadOnlyList<T> List<T>(string field, IReadOnlyList<T>? values, int maxCount, bool required = false)
    {
        if (values is null || values.Count == 0)
        {
            if (required) Add(field, "needs at least one entry.");
            return [];
        }

        if (values.Count > maxCount)
            Add(field, string.Create(CultureInfo.InvariantCulture, $"must have at most {maxCount} entries."));
        return values;
    }

    public string? Matches(string field, string? value, Regex pattern, string description, bool required = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required) Add(field, "is required.");
            return null;
        }

        if (!pattern.IsMatch(trimmed)) Add(field, $"must be {description}.");
        return trimmed;
    }

    /// <summary>The most a one-line field (a name, an id, a postcode, a search term) accepts; most take less.</summary>
    public const int MaxLineLength = 500;

    /// <summary>The most any free-text field (observations, reasons, evidence) accepts; most accept less.</summary>
    public const int MaxFreeTextLength = 8000;

    /// <summary>
    /// Adds what is wrong with <paramref name="value"/> as text of its kind (<see cref="TextProblem"/>), if anything.
    /// </summary>
    public void CheckText(string field, string value, bool freeText)
    {
        if (TextProblem(value, freeText) is { } problem)
            Add(field, problem);
    }

    /// <summary>
    /// What is wrong with a value as text, whatever its field: longer than <see cref="MaxLineLength"/> (one line) or
    /// <see cref="MaxFreeTextLength"/> (free text), or see <see cref="CharacterProblem"/>. Null when nothing is.
    /// </summary>
    public static string? TextProblem(string value, bool freeText)
    {
        ArgumentNullException.ThrowIfNull(value);
        var max = freeText ? MaxFreeTextLength : MaxLineLength;
        return value.Length > max
            ? string.Create(CultureInfo.InvariantCulture, $"must be at most {max} characters.")
            : CharacterProblem(value, freeText);
    }

    /// <summary>
    /// A control character (Unicode category Cc: U+0000 to U+001F and U+007F to U+009F; free text may hold tab, CR and
    /// LF, a single line none) or an unpaired UTF-16 surrogate, which is not text at all. PostgreSQL refuses U+0000 in
    /// text and jsonb and a lone surrogate cannot be encoded as UTF-8, so neither may get as far as a write.
    /// </summary>
    public static string? CharacterProblem(string value, bool freeText)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
                return Found("must be Unicode text, without an unpaired surrogate", c);
            if (char.IsControl(c) && !(freeText && c is '\t' or '\r' or '\n'))
            {
                return freeText
                    ? Found("must not contain control characters other than tab and line breaks", c)
                    : Found("must be one line without control characters", c);
            }
        }

        return null;
    }

    private static string Found(string rule, char c) =>
        string.Create(CultureInfo.InvariantCulture, $"{rule} (found U+{(int)c:X4}).");

    /// <summary>Devices and servers disagree by a little; "now" on a phone may be a minute ahead of ours.</summary>
    public static readonly TimeSpan ClockAllowance = TimeSpan.FromMinutes(5);

    [GeneratedRegex(@"^(GIR 0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    public static partial Regex UkPostcode();

    [GeneratedRegex(@"^[0-9]{2,4}/[0-9]{1,7}[A-Z]$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    public static partial Regex PncId();
}
