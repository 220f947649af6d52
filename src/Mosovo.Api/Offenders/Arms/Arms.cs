using Mosovo.EventStore;

namespace Mosovo.Api.Offenders;

/// <summary>ARMS assessments: the latest risk levels and what awaits endorsement.</summary>
public sealed record RiskAssessments()
{
    public static readonly RiskAssessments None = new();

    /// <summary>Risk of serious harm from the latest ARMS assessment, if any.</summary>
    public RiskLevel? RiskOfSeriousHarm => null;
}

/// <summary>ARMS risk of serious harm.</summary>
public enum RiskLevel
{
    Low,
    Medium,
    High,
    VeryHigh,
}

public static class ArmsArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry;

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders) => offenders;
}
