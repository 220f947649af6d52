using System.Globalization;
using System.Text.RegularExpressions;

namespace Mosovo.Api.Http;

/// <summary>
/// Collects what is wrong with a request, field by field, in the JSON names the client sent. A handler
/// validates everything before it decides anything, so a 400 never writes.
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

    /// <summary>Devices and servers disagree by a little; "now" on a phone may be a minute ahead of ours.</summary>
    public static readonly TimeSpan ClockAllowance = TimeSpan.FromMinutes(5);

    [GeneratedRegex(@"^(GIR 0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    public static partial Regex UkPostcode();

    [GeneratedRegex(@"^[0-9]{2,4}/[0-9]{1,7}[A-Z]$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    public static partial Regex PncId();
}
