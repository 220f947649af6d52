using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Api.Compliance;

/// <summary>
/// ARMS review after a significant event (docs/policies.md): each significant event opens its own review item
/// (<c>arms-review:{version}</c>), due <see cref="PolicyOptions.ArmsReviewAfterChildContact"/> (3 days) after new
/// contact with a child and <see cref="PolicyOptions.ArmsReviewAfterSignificantEvent"/> (28 days) after any other.
/// <para>
/// The significant events, as the record holds them: a disclosure received of new contact with a child (including
/// a new partner with children under 18) or notification of living 12 hours or more in a household where a child
/// is present (new child contact, 3 days); a disclosure of a new relationship without children (28 days); a change
/// of home address notified, or becoming of no fixed abode (the first weekly report: the home address is left);
/// a breach recorded; a breach decided with arrest (arrest or charge); a change of MAPPA level (including the
/// first level set); intelligence received marked significant; a release from custody (from the start of its day).
/// </para>
/// <para>
/// "Dated after the event" is read as: an ARMS assessment whose <c>assessedOn</c> is on or after the UK calendar
/// day of the moment the significant event counts from. ARMS assessments are dated by day, so an assessment on the
/// same day as a disclosure is taken to have considered it. One assessment closes every open review it satisfies;
/// an assessment dated before leaves it open; an assessment recorded before the significant event was recorded
/// never closes it (it cannot have considered what was not yet on the record), whatever its date. A supervisor's
/// waiver closes it too (<see cref="Waivers"/>).
/// </para>
/// <para>
/// The moment it counts from is the event's <c>OccurredAt</c> (a disclosure's receipt, a notification's day, a
/// MAPPA level's decision, an intelligence item's receipt, an arrest decision), except for a breach: its
/// <c>OccurredAt</c> is the day the breach happened, which may be weeks before it came to light, so it counts from
/// when the breach was recorded. Otherwise a breach found late would be overdue on arrival, and an assessment made
/// after the breach but before anyone knew of it would close the review without having considered it.
/// </para>
/// </summary>
public static class ArmsReviewAfterSignificantEvent
{
    public const string KeyPrefix = "arms-review:";

    /// <summary>A significant event as this policy reads it: which kind, and the moment the review counts from.</summary>
    public sealed record SignificantEvent(SignificantEventKind Kind, DateTimeOffset At);

    public static ComplianceState Observe(ComplianceState state, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);

        if (context.Event is ArmsAssessmentRecorded assessment)
        {
            return state.Closing(o => o.Kind == ObligationKind.ArmsReviewAfterSignificantEvent && Satisfies(assessment, o), context);
        }

        if (Recognise(context) is not { } significant)
            return state;

        state = state with { SignificantEvents = [.. state.SignificantEvents, new SignificantEventEntry(significant.Kind, significant.At, context.Version)] };

        var childContact = significant.Kind == SignificantEventKind.NewChildContact;
        var within = childContact ? context.Options.ArmsReviewAfterChildContact : context.Options.ArmsReviewAfterSignificantEvent;
        var day = Clock.DayOf(significant.At);
        var what = string.Create(CultureInfo.InvariantCulture,
            $"ARMS review after a significant event ({ArmsPrompt.Words(significant.Kind)}): an ARMS assessment dated on or after {day:d MMMM yyyy}");
        var basis = string.Create(CultureInfo.InvariantCulture,
            $"{Describe(within)} after {(childContact ? "new contact with a child" : "a significant event")}");
        var key = string.Create(CultureInfo.InvariantCulture, $"{KeyPrefix}{context.Version}");
        return state.Opening(context.Open(key, ObligationKind.ArmsReviewAfterSignificantEvent, what, significant.At, significant.At + within, basis));
    }

    /// <summary>Whether the event is a significant event, which kind, and the moment its review counts from; null when it is not one.</summary>
    public static SignificantEvent? Recognise(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Event switch
        {
            DisclosureReceived { IsChildContact: true } d => new(SignificantEventKind.NewChildContact, d.OccurredAt),
            DisclosureReceived { Kind: DisclosureKind.NewRelationship } d => new(SignificantEventKind.NewRelationship, d.OccurredAt),
            HouseholdWithChildNotified { ChildPresent: true } h => new(SignificantEventKind.NewChildContact, h.OccurredAt),
            HomeAddressChangeNotified a => new(SignificantEventKind.ChangeOfAddress, a.OccurredAt),
            NoFixedAbodeWeeklyReportMade r when context.Before.Registration.NoFixedAbode is null => new(SignificantEventKind.ChangeOfAddress, r.OccurredAt),
            BreachRecorded b => new(SignificantEventKind.Breach, b.RecordedAt > b.OccurredAt ? b.RecordedAt : b.OccurredAt),
            BreachDecided { Outcome: BreachOutcome.Arrest } d => new(SignificantEventKind.ArrestOrCharge, d.OccurredAt),
            MappaLevelChanged m when m.From != m.To => new(SignificantEventKind.MappaLevelChange, m.OccurredAt),
            IntelligenceReceived { Significant: true } i => new(SignificantEventKind.SignificantIntelligence, i.OccurredAt),
            ReleasedFromCustody r => new(SignificantEventKind.ReleaseFromCustody, r.OccurredAt),
            _ => null,
        };
    }

    /// <summary>An assessment satisfies a review when it is dated on or after the UK day the significant event counts from.</summary>
    public static bool Satisfies(ArmsAssessmentRecorded assessment, Obligation review)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(review);
        return assessment.AssessedOn >= Clock.DayOf(review.AnchorAt);
    }

    private static string Describe(TimeSpan duration) =>
        duration.Ticks % TimeSpan.TicksPerDay == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{duration.Days} day{(duration.Days == 1 ? "" : "s")}")
            : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalHours:0.##} hours");
}
