using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Record an intelligence item about the offender, graded on the 3x5x2 model. Significant intelligence is a
/// significant event: an ARMS review falls due. Items are kept for good.
/// </summary>
public static class RecordIntelligence
{
    /// <param name="AgencyName">The partner agency's name, when the source is a partner agency.</param>
    public sealed record SourceBody(IntelligenceSourceKind? Kind, string? AgencyName);

    /// <param name="SourceEvaluation">1 reliable, 2 untested, 3 not reliable.</param>
    /// <param name="IntelligenceAssessment">A known directly to the source, B known indirectly but corroborated, C known indirectly, D not known, E suspected to be false.</param>
    /// <param name="HandlingCode">P lawful sharing permitted, C lawful sharing permitted with conditions.</param>
    /// <param name="HandlingConditions">The conditions, required with handling code C.</param>
    public sealed record GradingBody(
        int? SourceEvaluation,
        string? IntelligenceAssessment,
        string? HandlingCode,
        [FreeText] string? HandlingConditions);

    public sealed record Request(
        DateOnly? ReceivedOn,
        SourceBody? Source,
        GradingBody? Grading,
        [FreeText] string? Text,
        bool? Significant,
        [FreeText] string? SignificanceReason)
    {
        public static Request Example => new(
            new DateOnly(2026, 11, 17),
            new SourceBody(IntelligenceSourceKind.PartnerAgency, "Probation Service"),
            new GradingBody(2, "B", "P", null),
            "Offender seen collecting two primary-school-age children from a school in Demotown on 14 November.",
            true,
            "Possible unnotified contact with children.");
    }

    public sealed record Command(
        DateOnly ReceivedOn,
        IntelligenceSource Source,
        IntelligenceGrading Grading,
        string? HandlingConditions,
        string Text,
        bool Significant,
        string? SignificanceReason);

    public const int MaxTextLength = 4000;

    public const int MaxAgencyLength = 100;

    public const int MaxConditionsLength = 1000;

    public const int MaxReasonLength = 1000;

    public const string ArmsReviewAdvice = "Significant intelligence is a significant event: an ARMS review now falls due.";

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("intelligence", "RecordIntelligence", "Record an intelligence item (graded 3x5x2)", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        var v = new Validation();
        var receivedOn = v.PastDate("receivedOn", request.ReceivedOn, now.Today);

        var source = v.Required("source", request.Source);
        var kind = v.Required("source.kind", source?.Kind);
        var agency = v.OptionalText("source.agencyName", source?.AgencyName, MaxAgencyLength);
        if (source?.Kind == IntelligenceSourceKind.PartnerAgency && agency is null)
            v.Add("source.agencyName", "is required when the source is a partner agency.");
        if (source?.Kind is { } other && other != IntelligenceSourceKind.PartnerAgency && agency is not null)
            v.Add("source.agencyName", "applies only when the source is a partner agency.");

        var grading = v.Required("grading", request.Grading);
        var evaluation = v.Required("grading.sourceEvaluation", grading?.SourceEvaluation);
        if (grading?.SourceEvaluation is < 1 or > 3)
            v.Add("grading.sourceEvaluation", "must be 1 (reliable), 2 (untested) or 3 (not reliable).");
        var assessment = Code(v, "grading.intelligenceAssessment", grading?.IntelligenceAssessment, IntelligenceGrading.IntelligenceAssessments,
            "A (known directly to the source), B (known indirectly but corroborated), C (known indirectly), D (not known) or E (suspected to be false)");
        var handling = Code(v, "grading.handlingCode", grading?.HandlingCode, IntelligenceGrading.HandlingCodes,
            "P (lawful sharing permitted) or C (lawful sharing permitted with conditions)");
        var conditions = v.OptionalText("grading.handlingConditions", grading?.HandlingConditions, MaxConditionsLength);
        if (handling == "C" && conditions is null)
            v.Add("grading.handlingConditions", "are required with handling code C: state the conditions of sharing.");
        if (handling == "P" && conditions is not null)
            v.Add("grading.handlingConditions", "apply only with handling code C.");

        var text = v.Text("text", request.Text, MaxTextLength);
        var significant = v.Required("significant", request.Significant);
        var reason = v.OptionalText("significanceReason", request.SignificanceReason, MaxReasonLength);
        if (request.Significant == true && reason is null)
            v.Add("significanceReason", "is required for significant intelligence: say why it is significant.");
        if (request.Significant == false && reason is not null)
            v.Add("significanceReason", "applies only to significant intelligence.");

        return v.IsValid
            ? (new Command(receivedOn, new IntelligenceSource(kind, agency), new IntelligenceGrading(evaluation, assessment!, handling!), conditions, text, significant, reason), v)
            : (null, v);
    }

    /// <summary>One letter of the grading, upper-cased, from the allowed ones.</summary>
    private static string? Code(Validation v, string field, string? value, string allowed, string description)
    {
        var code = value?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code))
        {
            v.Add(field, "is required.");
            return null;
        }

        if (code.Length != 1 || !allowed.Contains(code[0], StringComparison.Ordinal))
        {
            v.Add(field, $"must be {description}.");
            return null;
        }

        return code;
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        var intelligenceId = Guid.CreateVersion7();
        var received = new IntelligenceReceived(intelligenceId, command.ReceivedOn, command.Source, command.Grading, command.HandlingConditions,
            command.Text, command.Significant, command.SignificanceReason, actor, now.Moment);
        return command.Significant
            ? Decision.Record(received, intelligenceId, ArmsReviewAdvice)
            : Decision.Record(received, intelligenceId);
    }
}
