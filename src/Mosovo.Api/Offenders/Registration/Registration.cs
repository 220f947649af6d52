using Mosovo.Api.Offenders;

namespace Mosovo.Api.Offenders;

// Registration and notifications under the Sexual Offences Act 2003 Part 2: who the offender is, what
// they were convicted of, how long they must notify, what they have notified, and who manages them.
// Commands and their events sit in their own files: RegisterOffender, RecordNotification,
// RecordAnnualNotification, EndRegistration, AllocateOffender.

/// <summary>Who the offender is now: name, aliases (including names they used before), date of birth, references, home address.</summary>
/// <param name="Address">The last notified fixed home address. While <see cref="RegistrationDetails.NoFixedAbode"/> is set the offender has none.</param>
public sealed record Identity(string Reference, PersonName Name, IReadOnlyList<string> Aliases, DateOnly DateOfBirth, string? PncId, Address Address)
{
    public static readonly Identity None = new("", new PersonName("", ""), [], default, null, new Address("", null, "", ""));
}

public enum SentenceKind
{
    /// <summary>Immediate imprisonment or detention for a fixed term (including a detention and training order, s.131).</summary>
    Custodial,

    /// <summary>A suspended sentence of imprisonment: counts for s.82 as imprisonment for the suspended term.</summary>
    SuspendedCustodial,

    /// <summary>A hospital order without a restriction order.</summary>
    HospitalOrder,

    CommunityOrder,
    Caution,
    ConditionalDischarge,
    Fine,

    /// <summary>Imprisonment, detention or custody for life, or an indeterminate sentence for public protection.</summary>
    LifeOrIndeterminate,

    /// <summary>A hospital order with a restriction order.</summary>
    HospitalOrderWithRestriction,
}

/// <param name="CustodialMonths">The custodial term in months, for custodial and suspended sentences. For consecutive
/// terms, their total; for partly concurrent terms, the whole span (s.82(3)).</param>
/// <param name="DischargeMonths">The period of a conditional discharge in months.</param>
public sealed record Sentence(SentenceKind Kind, int? CustodialMonths, string? Description, int? DischargeMonths = null);

/// <summary>What kind of notification the offender gave.</summary>
public enum NotificationKind
{
    /// <summary>s.84(1)(a): a name not notified before.</summary>
    NameChange,

    /// <summary>s.84(1)(b): a new home address.</summary>
    HomeAddressChange,

    /// <summary>s.84(1)(c): a stay of 7 days or more (or 7 in total in 12 months) at an address not notified before.</summary>
    StayAtUnnotifiedAddress,

    /// <summary>2012 Regulations: living or staying for 12 hours or more at a household where a child under 18 lives or stays.</summary>
    HouseholdWithChild,

    /// <summary>s.86 and the 2004 Travel Regulations: travel outside the United Kingdom.</summary>
    ForeignTravel,

    /// <summary>s.85(1) and (5)(a): the weekly notification of an offender with no fixed abode.</summary>
    NoFixedAbodeWeeklyReport,

    /// <summary>2012 Regulations: a bank account.</summary>
    BankAccount,

    /// <summary>2012 Regulations: a debit or credit card.</summary>
    PaymentCard,

    /// <summary>2012 Regulations: a passport or other identity document.</summary>
    IdentityDocument,

    /// <summary>s.85(1): the periodic ("annual") re-notification. Recorded with its own command.</summary>
    AnnualNotification,
}

public enum RegistrationEndReason
{
    /// <summary>A fixed notification period has run its course.</summary>
    PeriodExpired,

    /// <summary>The chief officer (or a court on appeal) decided on review that indefinite requirements end (s.91C to s.91E).</summary>
    IndefiniteRequirementsEndedOnReview,

    /// <summary>The conviction (or caution, or finding) was quashed on appeal.</summary>
    ConvictionQuashedOnAppeal,

    Death,

    /// <summary>Anything else, said in words.</summary>
    Other,
}

/// <summary>A notification given later than the law required: a later issue turns these into suspected breaches.</summary>
/// <param name="DueBy">The last day it could have been given on time.</param>
public sealed record LateNotification(Guid NotificationId, NotificationKind Kind, DateOnly DueBy, DateOnly NotifiedOn, int DaysLate);

/// <param name="Until">The day the offender moved from it, as notified.</param>
public sealed record FormerAddress(Address Address, DateOnly Until);

public sealed record NotifiedStay(Address Address, DateOnly From, DateOnly? To, DateOnly NotifiedOn);

/// <param name="ChildPresent">A child under 18 lives or stays there. The child's identity is not recorded here.</param>
public sealed record HouseholdStay(Address Address, DateOnly From, bool ChildPresent, DateOnly NotifiedOn);

public sealed record ForeignTrip(DateOnly DepartureOn, DateOnly ReturnOn, string DestinationCountry, DateOnly NotifiedOn, string? ShortNoticeReason);

/// <param name="Place">Where the offender can regularly be found (s.83(7)(b)).</param>
public sealed record NoFixedAbode(string Place, DateOnly Since, DateOnly LastReportedOn);

/// <summary>A bank account, payment card or identity document the offender holds: only what identifies it, never the full number.</summary>
/// <param name="MaskedNumber">The last four digits of an account or card number, or a document number with all but its last four characters masked.</param>
public sealed record AccountOrDocument(NotificationKind Kind, string Issuer, string MaskedNumber, string? DocumentType, DateOnly Since);

public sealed record PeriodicNotification(DateOnly NotifiedOn, string PoliceStation);

/// <summary>The registration: conviction, sentence, the notification requirements that follow, and what has been notified.</summary>
/// <param name="Period">How long the requirements last (s.82).</param>
/// <param name="NotificationEndsOn">The last day of a fixed period; null when indefinite.</param>
/// <param name="ReviewEligibleOn">From when an offender on indefinite requirements may apply for a review (s.91B); null for a fixed period.</param>
/// <param name="LastNotifiedOn">The last notification that restarts the periodic clock (s.85(2)): the registration, a change under s.84(1), or a periodic notification. Foreign travel does not.</param>
/// <param name="LastAnnualNotification">The last periodic ("annual") notification and where it was made.</param>
/// <param name="NoFixedAbode">Set while the offender has no fixed abode and must notify weekly.</param>
/// <param name="LateNotifications">Every notification given late, oldest first.</param>
public sealed record RegistrationDetails(
    string Offence,
    DateOnly ConvictionDate,
    Sentence Sentence,
    DateOnly RegisteredOn,
    NotificationPeriod? Period,
    DateOnly? NotificationEndsOn,
    DateOnly? ReviewEligibleOn,
    DateOnly? LastNotifiedOn,
    PeriodicNotification? LastAnnualNotification,
    NoFixedAbode? NoFixedAbode,
    IReadOnlyList<FormerAddress> PreviousAddresses,
    IReadOnlyList<NotifiedStay> Stays,
    IReadOnlyList<HouseholdStay> HouseholdsWithChildren,
    IReadOnlyList<ForeignTrip> ForeignTravel,
    IReadOnlyList<AccountOrDocument> AccountsAndDocuments,
    IReadOnlyList<LateNotification> LateNotifications,
    DateOnly? EndedOn,
    RegistrationEndReason? EndReason,
    string? EndDetails)
{
    public static readonly RegistrationDetails None = new(
        "", default, new Sentence(SentenceKind.Fine, null, null), default, null, null, null, null, null, null, [], [], [], [], [], [], null, null, null);

    /// <summary>
    /// The next periodic notification due (s.85): one year after the last notification, or 7 days while of no
    /// fixed abode. None once the registration has ended, or when it would fall after the notification period.
    /// </summary>
    public DateOnly? NextNotificationDue
    {
        get
        {
            if (EndedOn is not null || LastNotifiedOn is not { } last)
                return null;
            var due = NotificationDeadlines.PeriodicDueBy(last, NoFixedAbode is not null);
            return NotificationEndsOn is { } ends && due > ends ? null : due;
        }
    }

    /// <summary>Records a notification: restarts the periodic clock when the law says it does, and keeps it if late.</summary>
    internal RegistrationDetails Notified(Guid notificationId, NotificationKind kind, DateOnly dueBy, DateOnly notifiedOn, int daysLate, bool restartsPeriodicClock) => this with
    {
        LastNotifiedOn = restartsPeriodicClock && (LastNotifiedOn is not { } last || notifiedOn > last) ? notifiedOn : LastNotifiedOn,
        LateNotifications = daysLate > 0
            ? [.. LateNotifications, new LateNotification(notificationId, kind, dueBy, notifiedOn, daysLate)]
            : LateNotifications,
    };
}

/// <summary>The offender manager and team responsible for the offender, since when and why.</summary>
public sealed record Allocation(Officer Manager, string Team, DateOnly? AllocatedOn = null, string? Reason = null)
{
    public static readonly Allocation None = new(new Officer("", ""), "");
}

public sealed record OffenderRegistered(
    Guid OffenderId,
    string Reference,
    PersonName Name,
    IReadOnlyList<string> Aliases,
    DateOnly DateOfBirth,
    Address Address,
    string Offence,
    DateOnly ConvictionDate,
    Sentence Sentence,
    string? PncId,
    int MappaCategory,
    Officer Manager,
    string Team,
    DateOnly RegisteredOn,
    Actor RecordedBy,
    DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(RegisteredOn);

    public string Summary => $"Registered {Name} ({Reference}), managed by {Manager.Name}, {Team}; notification period {NotificationPeriod.For(Sentence, DateOfBirth, ConvictionDate).Description}";

    /// <summary>
    /// The period is worked out here from the sentence, the date of birth and the conviction date rather than
    /// stored on the event: it is the statute's consequence of those facts, so replaying the stream after a fix
    /// to the rule puts every record right. The registration date is the initial notification (s.83(1)).
    /// </summary>
    public Offender Apply(Offender offender)
    {
        var period = NotificationPeriod.For(Sentence, DateOfBirth, ConvictionDate);
        return offender with
        {
            Identity = new Identity(Reference, Name, Aliases, DateOfBirth, PncId, Address),
            Registration = RegistrationDetails.None with
            {
                Offence = Offence,
                ConvictionDate = ConvictionDate,
                Sentence = Sentence,
                RegisteredOn = RegisteredOn,
                Period = period,
                NotificationEndsOn = period.LastDay(ConvictionDate),
                ReviewEligibleOn = period.ReviewEligibleOn(DateOfBirth, ConvictionDate, RegisteredOn),
                LastNotifiedOn = RegisteredOn,
            },
            Allocation = new Allocation(Manager, Team, RegisteredOn, "Registration"),
            Mappa = offender.Mappa with { Category = MappaCategory },
        };
    }
}

public static class RegistrationArea
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<OffenderRegistered>("offender-registered")
        .Register<NameChangeNotified>("name-change-notified")
        .Register<HomeAddressChangeNotified>("home-address-change-notified")
        .Register<StayAtUnnotifiedAddressNotified>("stay-at-unnotified-address-notified")
        .Register<HouseholdWithChildNotified>("household-with-child-notified")
        .Register<ForeignTravelNotified>("foreign-travel-notified")
        .Register<NoFixedAbodeWeeklyReportMade>("no-fixed-abode-weekly-report-made")
        .Register<AccountOrDocumentNotified>("account-or-document-notified")
        .Register<AnnualNotificationMade>("annual-notification-made")
        .Register<RegistrationEnded>("registration-ended")
        .Register<OffenderAllocated>("offender-allocated")
        .Register<ReleasedFromCustody>("released-from-custody");

    public static RouteGroupBuilder Map(RouteGroupBuilder offenders)
    {
        RegisterOffender.Map(offenders);
        RecordNotification.Map(offenders);
        RecordAnnualNotification.Map(offenders);
        EndRegistration.Map(offenders);
        AllocateOffender.Map(offenders);
        RecordReleaseFromCustody.Map(offenders);
        return offenders;
    }
}
