using System.Globalization;
using System.Text;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Names as search compares them: lower case, accents removed (Zoë = zoe, Łukasz = lukasz), anything
/// that is not a letter or digit turned into one space. The same function writes the index and reads the query.
/// </summary>
public static class SearchText
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            var folded = Fold(c);
            if (folded is not null)
            {
                builder.Append(folded);
                space = false;
            }
            else if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                builder.Append(' ');
                space = true;
            }
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>Letters that do not decompose into a base letter and an accent.</summary>
    private static string? Fold(char c) => c switch
    {
        'Ł' or 'ł' => "l",
        'Ø' or 'ø' => "o",
        'Đ' or 'đ' => "d",
        'ß' => "ss",
        'Æ' or 'æ' => "ae",
        'Œ' or 'œ' => "oe",
        'Þ' or 'þ' => "th",
        'ı' => "i",
        _ => null,
    };

    public static string ForOffender(Identity identity) =>
        Normalize(string.Join(" | ", new[] { identity.Name.ToString() }.Concat(identity.Aliases)));
}
