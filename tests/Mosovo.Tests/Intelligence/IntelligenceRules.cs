using System.Text.Json;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using Mosovo.Tests.Arms;

namespace Mosovo.Tests.Intelligence;

// Pure rules: no host, no database.

public sealed class when_intelligence_is_graded_and_kept
{
    private static readonly Now Now = ArmsFixtures.Now;

    private static RecordIntelligence.Request Valid(int? evaluation = 2, string? assessment = "B", string? handling = "P", string? conditions = null) => new(
        new DateOnly(2026, 6, 14), new RecordIntelligence.SourceBody(IntelligenceSourceKind.Briefing, null),
        new RecordIntelligence.GradingBody(evaluation, assessment, handling, conditions), "Text of the item.", false, null);

    private static IntelligenceReceived Item(DateOnly received, bool significant, string text = "Text of the item.") => new(
        Guid.NewGuid(), received, new IntelligenceSource(IntelligenceSourceKind.Other, null), new IntelligenceGrading(3, "E", "C"), "Police only.",
        text, significant, significant ? "Reason." : null, ArmsFixtures.Manager, ArmsFixtures.Moment);

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(0, false)]
    [InlineData(4, false)]
    public void the_source_evaluation_is_1_2_or_3(int evaluation, bool accepted) =>
        RecordIntelligence.Validate(Valid(evaluation), Now).Validation.IsValid.ShouldBe(accepted);

    [Theory]
    [InlineData("A", "A")]
    [InlineData("B", "B")]
    [InlineData("C", "C")]
    [InlineData("D", "D")]
    [InlineData("E", "E")]
    [InlineData(" d ", "D")]
    [InlineData("F", null)]
    [InlineData("1", null)]
    [InlineData("AB", null)]
    public void the_intelligence_assessment_is_a_letter_from_A_to_E(string given, string? kept)
    {
        var (command, validation) = RecordIntelligence.Validate(Valid(assessment: given), Now);

        if (kept is null) validation.Errors.ShouldContainKey("grading.intelligenceAssessment");
        else command!.Grading.IntelligenceAssessment.ShouldBe(kept);
    }

    [Theory]
    [InlineData("P", null, true)]
    [InlineData("p", null, true)]
    [InlineData("C", "Police only.", true)]
    [InlineData("C", null, false)]
    [InlineData("P", "Police only.", false)]
    [InlineData("S", null, false)]
    public void the_handling_code_is_P_or_C_and_C_needs_its_conditions(string code, string? conditions, bool accepted) =>
        RecordIntelligence.Validate(Valid(handling: code, conditions: conditions), Now).Validation.IsValid.ShouldBe(accepted);

    [Fact]
    public void the_openapi_example_is_valid_and_graded_2_B_P()
    {
        var (command, validation) = RecordIntelligence.Validate(RecordIntelligence.Request.Example, new Now(ArmsFixtures.Moment, new DateOnly(2026, 12, 1)));

        validation.IsValid.ShouldBeTrue();
        command!.Grading.Code.ShouldBe("2/B/P");
        command.Source.ShouldBe(new IntelligenceSource(IntelligenceSourceKind.PartnerAgency, "Probation Service"));
    }

    [Fact]
    public void a_text_of_the_named_length_is_accepted_and_one_more_is_not()
    {
        RecordIntelligence.Validate(Valid() with { Text = new string('x', RecordIntelligence.MaxTextLength) }, Now).Validation.IsValid.ShouldBeTrue();
        RecordIntelligence.Validate(Valid() with { Text = new string('x', RecordIntelligence.MaxTextLength + 1) }, Now).Validation.Errors.ShouldContainKey("text");
    }

    [Fact]
    public void the_log_counts_items_and_significant_ones_and_knows_the_latest_day_whatever_the_order()
    {
        var log = ArmsFixtures.Fold(
            Item(new DateOnly(2026, 6, 10), true),
            Item(new DateOnly(2026, 6, 12), false),
            Item(new DateOnly(2026, 5, 1), true)).Intelligence;

        log.Count.ShouldBe(3);
        log.SignificantCount.ShouldBe(2);
        log.LatestReceivedOn.ShouldBe(new DateOnly(2026, 6, 12));
        log.Items.Select(i => i.ReceivedOn).ShouldBe([new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 12), new DateOnly(2026, 5, 1)]);
        IntelligenceLog.None.LatestReceivedOn.ShouldBeNull();
    }

    [Fact]
    public void neither_the_summary_line_nor_the_state_holds_the_text_the_reason_or_the_conditions()
    {
        var item = Item(new DateOnly(2026, 6, 10), true, "Zanzibar quartz text");
        var offender = ArmsFixtures.Fold(item);

        var state = JsonSerializer.Serialize(offender, EventTypeRegistry.CreateSerializerOptions());

        item.Summary.ShouldBe("Intelligence received (significant) from other source, graded 3/E/C");
        state.ShouldNotContain("Zanzibar");
        state.ShouldNotContain("Reason.");
        state.ShouldNotContain("Police only.");
        state.ShouldContain("3/E/C");
    }

    [Theory]
    [InlineData(IntelligenceSourceKind.Briefing, false, "Intelligence received from briefing, graded 1/A/P")]
    [InlineData(IntelligenceSourceKind.PartnerAgency, true, "Intelligence received (significant) from partner agency, graded 1/A/P")]
    [InlineData(IntelligenceSourceKind.MemberOfPublic, false, "Intelligence received from member of the public, graded 1/A/P")]
    [InlineData(IntelligenceSourceKind.Other, false, "Intelligence received from other source, graded 1/A/P")]
    public void the_summary_line_names_the_kind_of_source_never_the_agency(IntelligenceSourceKind kind, bool significant, string line)
    {
        var source = new IntelligenceSource(kind, kind == IntelligenceSourceKind.PartnerAgency ? "Probation Service" : null);
        var item = new IntelligenceReceived(Guid.NewGuid(), new DateOnly(2026, 6, 1), source, new IntelligenceGrading(1, "A", "P"), null, "Text",
            significant, significant ? "Why" : null, ArmsFixtures.Manager, ArmsFixtures.Moment);

        item.Summary.ShouldBe(line);
    }

    [Fact]
    public void significant_intelligence_advises_an_arms_review()
    {
        var command = RecordIntelligence.Validate(Valid() with { Significant = true, SignificanceReason = "Why" }, Now).Command!;

        RecordIntelligence.Decide(ArmsFixtures.Fold(), command, ArmsFixtures.Manager, Now).Advice.ShouldBe([RecordIntelligence.ArmsReviewAdvice]);
        RecordIntelligence.Decide(ArmsFixtures.Fold(), command with { Significant = false, SignificanceReason = null }, ArmsFixtures.Manager, Now).Advice.ShouldBeEmpty();
    }
}
