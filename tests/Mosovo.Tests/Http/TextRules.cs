using Mosovo.Api.Http;

namespace Mosovo.Tests.Http;

/// <summary>What any text field accepts, whatever its own rules: one line or free text, and how long.</summary>
public sealed class TextRules
{
    [Theory]
    [InlineData("DC Alex Example")]
    [InlineData("Zoë O'Brien-Ñúñez")]
    [InlineData("Ship 🚢 emoji, a surrogate pair")]
    public void ordinary_text_is_a_line(string value) => Validation.TextProblem(value, freeText: false).ShouldBeNull();

    [Theory]
    [InlineData("Line one\nline two")]
    [InlineData("Line one\r\nline two")]
    [InlineData("Column\tcolumn")]
    public void free_text_may_break_lines_and_hold_tabs_but_a_line_may_not(string value)
    {
        Validation.TextProblem(value, freeText: true).ShouldBeNull();
        Validation.TextProblem(value, freeText: false).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("nul\0", "U+0000")]
    [InlineData("bell\a", "U+0007")]
    [InlineData("escape\u001b", "U+001B")]
    [InlineData("delete\u007f", "U+007F")]
    [InlineData("c1\u0085", "U+0085")]
    public void other_control_characters_are_refused_everywhere_naming_the_character(string value, string named)
    {
        Validation.TextProblem(value, freeText: true).ShouldNotBeNull().ShouldContain(named);
        Validation.TextProblem(value, freeText: false).ShouldNotBeNull().ShouldContain(named);
    }

    /// <summary>
    /// Built in code: an attribute stores its strings as UTF-8, which turns a lone surrogate into U+FFFD before the
    /// test sees it, so the cases are picked by index.
    /// </summary>
    private static readonly string[] UnpairedSurrogates =
    [
        "high " + (char)0xD800 + " alone",
        "low " + (char)0xDC00 + " alone",
        "ends high " + (char)0xD83D,
        "reversed " + (char)0xDE80 + (char)0xD83D + " pair",
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void an_unpaired_surrogate_is_refused_everywhere(int index)
    {
        var value = UnpairedSurrogates[index];

        Validation.TextProblem(value, freeText: true).ShouldNotBeNull().ShouldContain("surrogate");
        Validation.TextProblem(value, freeText: false).ShouldNotBeNull().ShouldContain("surrogate");
    }

    [Fact]
    public void a_line_holds_500_characters_and_free_text_8000()
    {
        Validation.TextProblem(new string('x', Validation.MaxLineLength), freeText: false).ShouldBeNull();
        Validation.TextProblem(new string('x', Validation.MaxLineLength + 1), freeText: false)
            .ShouldBe("must be at most 500 characters.");
        Validation.TextProblem(new string('x', Validation.MaxFreeTextLength), freeText: true).ShouldBeNull();
        Validation.TextProblem(new string('x', Validation.MaxFreeTextLength + 1), freeText: true)
            .ShouldBe("must be at most 8000 characters.");
    }
}
