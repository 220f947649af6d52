using System.Globalization;
using System.Text.RegularExpressions;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>
/// Record a notification the offender gave of a change in their details (Sexual Offences Act 2003 s.84, s.86 and
/// the regulations made under them), one <c>kind</c> at a time, with the date of the change and the date
/// notified. The decision works out when it was due and how many days late it was; a late notification is
/// accepted (the offender did notify) and kept on the record for a supervisor.
/// </summary>
/// <remarks>
/// A change may be notified in advance (s.84(2)): its date may be after the day notified, and the record shows the
/// new details from when the notification is recorded, with the date they take effect. What s.84(3) and (4) require
/// when an advance change does not happen as notified is not modelled yet: record the correct change when it is known.
/// </remarks>
public static partial class RecordNotification
{
    public sealed record NameChangeBody(string? GivenNames, string? FamilyName, DateOnly? ChangedOn);

    /// <param name="ChangedOn">The day the offender moved in.</param>
    public sealed record HomeAddressChangeBody(RegisterOffender.AddressBody? Address, DateOnly? ChangedOn);

    /// <param name="To">The last day of the stay, when it is known.</param>
    public sealed record StayBody(RegisterOffender.AddressBody? Address, DateOnly? From, DateOnly? To);

    /// <param name="From">The day the offender began to live or stay for 12 hours or more at the household.</param>
    /// <param name="ChildPresent">Whether a child under 18 lives or stays there. The child's details are recorded elsewhere, not here.</param>
    public sealed record HouseholdBody(RegisterOffender.AddressBody? Address, DateOnly? From, bool? ChildPresent);

    /// <param name="ShortNoticeReason">Why the travel was notified less than 7 days before departure (the offender's reasonable excuse).</param>
    public sealed record ForeignTravelBody(
        DateOnly? DepartureOn,
        DateOnly? ReturnOn,
        string? DestinationCountry,
        [FreeText] string? ShortNoticeReason);

    /// <param name="Place">Where the offender can regularly be found.</param>
    /// <param name="NoFixedAbodeSince">On the first weekly report only: the day the offender left their last notified home address.</param>
    public sealed record WeeklyReportBody(string? Place, DateOnly? NoFixedAbodeSince);

    /// <param name="Issuer">The bank, card issuer, or the country or authority that issued the document.</param>
    /// <param name="LastFourDigits">For a bank account or card: only the last four digits of its number.</param>
    /// <param name="DocumentType">For an identity document: passport, national identity card, ...</param>
    /// <param name="DocumentNumber">For an identity document: its number. Only a masked form (the last four characters) is kept.</param>
    /// <param name="ChangedOn">The day the account was opened or closed, or the card or document issued or given up.</param>
    public sealed record AccountOrDocumentBody(AccountOrDocumentChange? Change, string? Issuer, string? LastFourDigits, string? DocumentType, string? DocumentNumber, DateOnly? ChangedOn);

    /// <summary>A notification of one <paramref name="Kind"/>, with the body for that kind and no other.</summary>
    /// <param name="NotifiedOn">The day the offender gave the notification.</param>
    /// <param name="AccountOrDocument">For kinds BankAccount, PaymentCard and IdentityDocument.</param>
    public sealed record Request(
        NotificationKind? Kind,
        DateOnly? NotifiedOn,
        NameChangeBody? NameChange,
        HomeAddressChangeBody? HomeAddressChange,
        StayBody? Stay,
        HouseholdBody? Household,
        ForeignTravelBody? ForeignTravel,
        WeeklyReportBody? WeeklyReport,
        AccountOrDocumentBody? AccountOrDocument)
    {
        public static Request Example => new(
            NotificationKind.HomeAddressChange, new DateOnly(2026, 11, 18), null,
            new HomeAddressChangeBody(new RegisterOffender.AddressBody("2 Sample Road", null, "Demotown", "ZZ2 2BB"), new DateOnly(2026, 11, 16)),
            null, null, null, null, null);
    }

    /// <summary>What changed, checked: one record per kind.</summary>
    public abstract record Change;

    public sealed record NameChange(PersonName NewName, DateOnly ChangedOn) : Change;

    public sealed record HomeAddressChange(Address NewAddress, DateOnly ChangedOn) : Change;

    public sealed record Stay(Address Address, DateOnly From, DateOnly? To) : Change;

    public sealed record Household(Address Address, DateOnly From, bool ChildPresent) : Change;

    public sealed record ForeignTravel(DateOnly DepartureOn, DateOnly ReturnOn, string DestinationCountry, string? ShortNoticeReason) : Change;

    public sealed record WeeklyReport(string Place, DateOnly? NoFixedAbodeSince) : Change;

    public sealed record AccountOrDocumentDetail(AccountOrDocumentChange Change, string Issuer, string MaskedNumber, string? DocumentType, DateOnly ChangedOn) : Change;

    public sealed record Command(NotificationKind Kind, DateOnly NotifiedOn, Change Change);

    /// <summary>
    /// An advance notification (s.84(2)) may name a change up to this many days after the day it is given; a
    /// date further ahead is almost certainly a typing error. Not a legal limit.
    /// </summary>
    public const int MaxAdvanceNoticeDays = 366;

    private static readonly (string Field, NotificationKind[] Kinds)[] Bodies =
    [
        ("nameChange", [NotificationKind.NameChange]),
        ("homeAddressChange", [NotificationKind.HomeAddressChange]),
        ("stay", [NotificationKind.StayAtUnnotifiedAddress]),
        ("household", [NotificationKind.HouseholdWithChild]),
        ("foreignTravel", [NotificationKind.ForeignTravel]),
        ("weeklyReport", [NotificationKind.NoFixedAbodeWeeklyReport]),
        ("accountOrDocument", [NotificationKind.BankAccount, NotificationKind.PaymentCard, NotificationKind.IdentityDocument]),
    ];

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("notifications", "RecordNotification",
            "Record a notification of change: name, home address, stay, household with a child, foreign travel, weekly report, account, card or document",
            Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var v = new Validation();
        var kind = v.Required("kind", request.Kind);
        if (request.Kind == NotificationKind.AnnualNotification)
            v.Add("kind", "the annual notification is recorded with POST /offenders/{offenderId}/annual-notifications.");
        var notifiedOn = v.PastDate("notifiedOn", request.NotifiedOn, now.Today);

        object?[] bodies = [request.NameChange, request.HomeAddressChange, request.Stay, request.Household, request.ForeignTravel, request.WeeklyReport, request.AccountOrDocument];
        for (var i = 0; i < Bodies.Length; i++)
        {
            if (bodies[i] is not null && request.Kind is { } sent && !Bodies[i].Kinds.Contains(sent))
                v.Add(Bodies[i].Field, $"applies only to kind {string.Join(", ", Bodies[i].Kinds)}.");
        }

        // A notifiedOn in the future is already refused; counting from today keeps 9999-12-31 from overflowing.
        var latest = (notifiedOn > now.Today ? now.Today : notifiedOn).AddDays(MaxAdvanceNoticeDays);
        Change? change = request.Kind switch
        {
            NotificationKind.NameChange => ValidateName(v, request.NameChange, latest),
            NotificationKind.HomeAddressChange => ValidateHomeAddress(v, request.HomeAddressChange, latest),
            NotificationKind.StayAtUnnotifiedAddress => ValidateStay(v, request.Stay, latest),
            NotificationKind.HouseholdWithChild => ValidateHousehold(v, request.Household, latest),
            NotificationKind.ForeignTravel => ValidateTravel(v, request.ForeignTravel, request.NotifiedOn, latest),
            NotificationKind.NoFixedAbodeWeeklyReport => ValidateWeeklyReport(v, request.WeeklyReport, request.NotifiedOn),
            NotificationKind.BankAccount or NotificationKind.PaymentCard or NotificationKind.IdentityDocument =>
                ValidateAccountOrDocument(v, request.AccountOrDocument, kind, latest),
            _ => null,
        };

        return v.IsValid && change is not null ? (new Command(kind, notifiedOn, change), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        ArgumentNullException.ThrowIfNull(offender);
        ArgumentNullException.ThrowIfNull(command);
        var registration = offender.Registration;
        if (registration.EndedOn is { } ended)
            return Decision.Refuse("notifiedOn", $"the registration ended on {NotificationDeadlines.Show(ended)}: no further notifications are recorded.");
        if (command.NotifiedOn < registration.RegisteredOn)
            return Decision.Refuse("notifiedOn", $"is before the registration on {NotificationDeadlines.Show(registration.RegisteredOn)}.");

        var id = Guid.CreateVersion7();
        var notifiedOn = command.NotifiedOn;
        int Late(DateOnly dueBy) => NotificationDeadlines.DaysLate(dueBy, notifiedOn);
        INotificationEvent notified;
        switch (command.Change)
        {
            case NameChange name:
            {
                if (string.Equals(name.NewName.ToString(), offender.Identity.Name.ToString(), StringComparison.OrdinalIgnoreCase))
                    return Decision.Refuse("nameChange", "is already the offender's name.");
                var dueBy = NotificationDeadlines.ChangeDueBy(name.ChangedOn);
                notified = new NameChangeNotified(id, name.NewName, offender.Identity.Name, name.ChangedOn, notifiedOn, dueBy, Late(dueBy), actor, now.Moment);
                break;
            }

            case HomeAddressChange home:
            {
                if (registration.NoFixedAbode is null && SameAddress(home.NewAddress, offender.Identity.Address))
                    return Decision.Refuse("homeAddressChange.address", "is already the notified home address.");
                var dueBy = NotificationDeadlines.ChangeDueBy(home.ChangedOn);
                notified = new HomeAddressChangeNotified(id, home.NewAddress, offender.Identity.Address, home.ChangedOn, notifiedOn, dueBy, Late(dueBy), actor, now.Moment);
                break;
            }

            case Stay stay:
            {
                var qualifiesOn = NotificationDeadlines.StayQualifiesOn(stay.From, stay.To);
                var dueBy = NotificationDeadlines.ChangeDueBy(qualifiesOn);
                notified = new StayAtUnnotifiedAddressNotified(id, stay.Address, stay.From, stay.To, qualifiesOn, notifiedOn, dueBy, Late(dueBy), actor, now.Moment);
                break;
            }

            case Household household:
            {
                var dueBy = NotificationDeadlines.ChangeDueBy(household.From);
                notified = new HouseholdWithChildNotified(id, household.Address, household.From, household.ChildPresent, notifiedOn, dueBy, Late(dueBy), actor, now.Moment);
                break;
            }

            case ForeignTravel travel:
            {
                var dueBy = NotificationDeadlines.ForeignTravelDueBy(travel.DepartureOn, travel.ShortNoticeReason is not null);
                notified = new ForeignTravelNotified(id, travel.DepartureOn, travel.ReturnOn, travel.DestinationCountry, travel.ShortNoticeReason,
                    notifiedOn, dueBy, Late(dueBy), actor, now.Moment);
                break;
            }

            case WeeklyReport weekly:
            {
                DateOnly dueBy;
                if (registration.NoFixedAbode is { } nfa)
                {
                    if (weekly.NoFixedAbodeSince is not null)
                        return Decision.Refuse("weeklyReport.noFixedAbodeSince", $"applies only to the first weekly report: the record shows no fixed abode since {NotificationDeadlines.Show(nfa.Since)}.");
                    var last = registration.LastNotifiedOn ?? registration.RegisteredOn;
                    if (notifiedOn < last)
                        return Decision.Refuse("notifiedOn", $"is before the last notification on {NotificationDeadlines.Show(last)}: the weekly report follows it.");
                    dueBy = NotificationDeadlines.PeriodicDueBy(last, noFixedAbode: true);
                }
                else
                {
                    // Becoming of no fixed abode is a change of home address (s.84(1)(b)): due within 3 days.
                    if (weekly.NoFixedAbodeSince is not { } since)
                        return Decision.Refuse("weeklyReport.noFixedAbodeSince", "is required on the first weekly report: the day the offender left their notified home address (a change of home address, s.84(1)(b)).");
                    dueBy = NotificationDeadlines.ChangeDueBy(since);
                }

                notified = new NoFixedAbodeWeeklyReportMade(id, weekly.Place, weekly.NoFixedAbodeSince, notifiedOn, dueBy, Late(dueBy), actor, now.Moment);
                break;
            }

            case AccountOrDocumentDetail detail:
            {
                var dueBy = NotificationDeadlines.ChangeDueBy(detail.ChangedOn);
                notified = new AccountOrDocumentNotified(id, command.Kind, detail.Change, detail.Issuer, detail.MaskedNumber, detail.DocumentType,
                    detail.ChangedOn, notifiedOn, dueBy, Late(dueBy), actor, now.Moment);
                break;
            }

            default:
                throw new InvalidOperationException($"No decision for {command.Change.GetType().Name}.");
        }

        return Decision.Record(notified, id, Advice(notified).ToArray());
    }


    private static IEnumerable<string> Advice(INotificationEvent notified)
    {
        if (notified.DaysLate > 0)
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Notified {notified.DaysLate} day{(notified.DaysLate == 1 ? "" : "s")} late: it was due by {NotificationDeadlines.Show(notified.DueBy)}. It is kept as a late notification for a supervisor to consider as a suspected breach (s.91). Discount any days the offender was in custody, in hospital or abroad.");
        if (notified is HouseholdWithChildNotified { ChildPresent: true })
            yield return "A child lives or stays at this household: new contact with a child is a significant event. Review the ARMS assessment and consider a disclosure to the child's parent or carer.";
    }

    private static bool SameAddress(Address a, Address b) =>
        string.Equals(a.Line1, b.Line1, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Line2 ?? "", b.Line2 ?? "", StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Postcode.Replace(" ", "", StringComparison.Ordinal), b.Postcode.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    private static DateOnly Day(Validation v, string field, DateOnly? value, DateOnly latest)
    {
        if (value is null)
        {
            v.Add(field, "is required.");
            return default;
        }

        if (value.Value.Year < 1900) v.Add(field, "must be after 1900.");
        if (value.Value > latest) v.Add(field, string.Create(CultureInfo.InvariantCulture, $"is more than {MaxAdvanceNoticeDays} days after the notification: check the date."));
        return value.Value;
    }

    private static NameChange? ValidateName(Validation v, NameChangeBody? body, DateOnly latest)
    {
        var name = v.Required("nameChange", body);
        var given = v.Text("nameChange.givenNames", name?.GivenNames, 100);
        var family = v.Text("nameChange.familyName", name?.FamilyName, 100);
        var changedOn = Day(v, "nameChange.changedOn", name?.ChangedOn, latest);
        return name is null ? null : new NameChange(new PersonName(given, family), changedOn);
    }

    private static HomeAddressChange? ValidateHomeAddress(Validation v, HomeAddressChangeBody? body, DateOnly latest)
    {
        var home = v.Required("homeAddressChange", body);
        if (home is null) return null;
        var address = RegisterOffender.ValidateAddress(v, "homeAddressChange.address", home.Address);
        var changedOn = Day(v, "homeAddressChange.changedOn", home.ChangedOn, latest);
        return address is null ? null : new HomeAddressChange(address, changedOn);
    }

    private static Stay? ValidateStay(Validation v, StayBody? body, DateOnly latest)
    {
        var stay = v.Required("stay", body);
        if (stay is null) return null;
        var address = RegisterOffender.ValidateAddress(v, "stay.address", stay.Address);
        var from = Day(v, "stay.from", stay.From, latest);
        if (stay.To is { } to && stay.From is { } start && to < start) v.Add("stay.to", "cannot be before stay.from.");
        return address is null ? null : new Stay(address, from, stay.To);
    }

    private static Household? ValidateHousehold(Validation v, HouseholdBody? body, DateOnly latest)
    {
        var household = v.Required("household", body);
        if (household is null) return null;
        var address = RegisterOffender.ValidateAddress(v, "household.address", household.Address);
        var from = Day(v, "household.from", household.From, latest);
        var childPresent = v.Required("household.childPresent", household.ChildPresent);
        return address is null ? null : new Household(address, from, childPresent);
    }

    private static ForeignTravel? ValidateTravel(Validation v, ForeignTravelBody? body, DateOnly? notifiedOn, DateOnly latest)
    {
        var travel = v.Required("foreignTravel", body);
        if (travel is null) return null;
        var departure = Day(v, "foreignTravel.departureOn", travel.DepartureOn, latest);
        var back = v.Required("foreignTravel.returnOn", travel.ReturnOn);
        if (travel.ReturnOn is { } r && travel.DepartureOn is { } d && r < d) v.Add("foreignTravel.returnOn", "cannot be before foreignTravel.departureOn.");
        var country = v.Text("foreignTravel.destinationCountry", travel.DestinationCountry, 100);
        var reason = v.OptionalText("foreignTravel.shortNoticeReason", travel.ShortNoticeReason, 1000);
        if (reason is not null && notifiedOn is { } on && travel.DepartureOn is { } leaving
            && leaving.DayNumber - on.DayNumber >= NotificationDeadlines.ForeignTravelNoticeDays)
            v.Add("foreignTravel.shortNoticeReason", "applies only to travel notified less than 7 days before departure.");
        return new ForeignTravel(departure, back, country, reason);
    }

    private static WeeklyReport? ValidateWeeklyReport(Validation v, WeeklyReportBody? body, DateOnly? notifiedOn)
    {
        var weekly = v.Required("weeklyReport", body);
        if (weekly is null) return null;
        var place = v.Text("weeklyReport.place", weekly.Place, 500);
        if (weekly.NoFixedAbodeSince is { } since && notifiedOn is { } on && since > on)
            v.Add("weeklyReport.noFixedAbodeSince", "cannot be after notifiedOn.");
        if (weekly.NoFixedAbodeSince is { Year: < 1900 }) v.Add("weeklyReport.noFixedAbodeSince", "must be after 1900.");
        return new WeeklyReport(place, weekly.NoFixedAbodeSince);
    }

    private static AccountOrDocumentDetail? ValidateAccountOrDocument(Validation v, AccountOrDocumentBody? body, NotificationKind kind, DateOnly latest)
    {
        var detail = v.Required("accountOrDocument", body);
        if (detail is null) return null;
        var change = v.Required("accountOrDocument.change", detail.Change);
        var issuer = v.Text("accountOrDocument.issuer", detail.Issuer, 100);
        var changedOn = Day(v, "accountOrDocument.changedOn", detail.ChangedOn, latest);
        string masked;
        string? documentType = null;
        if (kind == NotificationKind.IdentityDocument)
        {
            if (detail.LastFourDigits is not null) v.Add("accountOrDocument.lastFourDigits", "applies only to a bank account or payment card.");
            documentType = v.Text("accountOrDocument.documentType", detail.DocumentType, 50);
            var number = v.Matches("accountOrDocument.documentNumber", detail.DocumentNumber?.Replace(" ", "", StringComparison.Ordinal), DocumentNumber(),
                "5 to 20 letters and digits", required: true);
            masked = number is null ? "" : Mask(number);
        }
        else
        {
            if (detail.DocumentType is not null) v.Add("accountOrDocument.documentType", "applies only to an identity document.");
            if (detail.DocumentNumber is not null) v.Add("accountOrDocument.documentNumber", "applies only to an identity document.");
            masked = v.Matches("accountOrDocument.lastFourDigits", detail.LastFourDigits, LastFour(),
                "exactly the last four digits (never the full number)", required: true) ?? "";
        }

        return new AccountOrDocumentDetail(change, issuer, masked, documentType, changedOn);
    }

    /// <summary>A document number with all but its last four characters replaced by '*': enough to match, not to use.</summary>
    public static string Mask(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var upper = number.ToUpperInvariant();
        return upper.Length <= 4 ? new string('*', upper.Length) : new string('*', upper.Length - 4) + upper[^4..];
    }

    [GeneratedRegex("^[0-9]{4}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex LastFour();

    [GeneratedRegex("^[A-Za-z0-9]{5,20}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex DocumentNumber();
}

public enum AccountOrDocumentChange
{
    /// <summary>Opened, issued or newly held.</summary>
    Added,

    /// <summary>Closed, cancelled, expired or no longer held.</summary>
    Removed,
}

/// <summary>What every notification event carries, so rules and the state treat them alike.</summary>
public interface INotificationEvent : IOffenderEvent
{
    Guid NotificationId { get; }

    NotificationKind Kind { get; }

    /// <summary>The day of the change the notification is about.</summary>
    DateOnly ChangedOn { get; }

    DateOnly NotifiedOn { get; }

    /// <summary>The last day it could be given on time.</summary>
    DateOnly DueBy { get; }

    /// <summary>Whole days after <see cref="DueBy"/>; 0 when on time.</summary>
    int DaysLate { get; }
}

/// <summary>Shared wording for notification summaries.</summary>
internal static class NotificationText
{
    public static string Late(DateOnly dueBy, int daysLate) => daysLate > 0
        ? string.Create(CultureInfo.InvariantCulture, $"; {daysLate} day{(daysLate == 1 ? "" : "s")} late (due by {NotificationDeadlines.Show(dueBy)})")
        : "";

    public static string Notified(DateOnly notifiedOn, DateOnly dueBy, int daysLate) => $"notified {NotificationDeadlines.Show(notifiedOn)}{Late(dueBy, daysLate)}";
}

public sealed record NameChangeNotified(
    Guid NotificationId, PersonName NewName, PersonName PreviousName, DateOnly ChangedOn, DateOnly NotifiedOn, DateOnly DueBy, int DaysLate,
    Actor RecordedBy, DateTimeOffset RecordedAt) : INotificationEvent
{
    public NotificationKind Kind => NotificationKind.NameChange;

    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(NotifiedOn);

    public string Summary => $"Change of name to {NewName} (was {PreviousName}) from {NotificationDeadlines.Show(ChangedOn)}, {NotificationText.Notified(NotifiedOn, DueBy, DaysLate)}";

    /// <summary>The new name becomes the name; the name it replaces is kept as an alias, so searches still find it.</summary>
    public Offender Apply(Offender offender)
    {
        var previous = offender.Identity.Name.ToString();
        var aliases = offender.Identity.Aliases
            .Where(a => !string.Equals(a, NewName.ToString(), StringComparison.OrdinalIgnoreCase))
            .Append(previous)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return offender with
        {
            Identity = offender.Identity with { Name = NewName, Aliases = aliases },
            Registration = offender.Registration.Notified(NotificationId, Kind, DueBy, NotifiedOn, DaysLate, restartsPeriodicClock: true),
        };
    }
}

public sealed record HomeAddressChangeNotified(
    Guid NotificationId, Address NewAddress, Address PreviousAddress, DateOnly ChangedOn, DateOnly NotifiedOn, DateOnly DueBy, int DaysLate,
    Actor RecordedBy, DateTimeOffset RecordedAt) : INotificationEvent
{
    public NotificationKind Kind => NotificationKind.HomeAddressChange;

    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(NotifiedOn);

    public string Summary => $"Change of home address to {NewAddress.Line1}, {NewAddress.Town} {NewAddress.Postcode} from {NotificationDeadlines.Show(ChangedOn)}, {NotificationText.Notified(NotifiedOn, DueBy, DaysLate)}";

    /// <summary>The new address becomes the home address and ends any period of no fixed abode; the old one is kept.</summary>
    public Offender Apply(Offender offender)
    {
        var registration = offender.Registration;
        var former = registration.NoFixedAbode is null && offender.Identity.Address.Line1.Length > 0
            ? [.. registration.PreviousAddresses, new FormerAddress(offender.Identity.Address, ChangedOn)]
            : registration.PreviousAddresses;
        return offender with
        {
            Identity = offender.Identity with { Address = NewAddress },
            Registration = registration.Notified(NotificationId, Kind, DueBy, NotifiedOn, DaysLate, restartsPeriodicClock: true)
                with { PreviousAddresses = former, NoFixedAbode = null },
        };
    }
}

/// <param name="ChangedOn">The day the stay became notifiable: when it reached the qualifying period of 7 days.</param>
public sealed record StayAtUnnotifiedAddressNotified(
    Guid NotificationId, Address Address, DateOnly From, DateOnly? To, DateOnly ChangedOn, DateOnly NotifiedOn, DateOnly DueBy, int DaysLate,
    Actor RecordedBy, DateTimeOffset RecordedAt) : INotificationEvent
{
    public NotificationKind Kind => NotificationKind.StayAtUnnotifiedAddress;

    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(NotifiedOn);

    public string Summary => $"Stay at {Address.Line1}, {Address.Town} {Address.Postcode} from {NotificationDeadlines.Show(From)}{(To is { } to ? " to " + NotificationDeadlines.Show(to) : "")}, {NotificationText.Notified(NotifiedOn, DueBy, DaysLate)}";

    public Offender Apply(Offender offender) => offender with
    {
        Registration = offender.Registration.Notified(NotificationId, Kind, DueBy, NotifiedOn, DaysLate, restartsPeriodicClock: true)
            with { Stays = [.. offender.Registration.Stays, new NotifiedStay(Address, From, To, NotifiedOn)] },
    };
}

public sealed record HouseholdWithChildNotified(
    Guid NotificationId, Address Address, DateOnly From, bool ChildPresent, DateOnly NotifiedOn, DateOnly DueBy, int DaysLate,
    Actor RecordedBy, DateTimeOffset RecordedAt) : INotificationEvent
{
    public NotificationKind Kind => NotificationKind.HouseholdWithChild;

    public DateOnly ChangedOn => From;

    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(NotifiedOn);

    public string Summary => $"Living or staying 12 hours or more at {Address.Line1}, {Address.Town} {Address.Postcode} from {NotificationDeadlines.Show(From)}, {(ChildPresent ? "a child present" : "no child present")}; {NotificationText.Notified(NotifiedOn, DueBy, DaysLate)}";

    public Offender Apply(Offender offender) => offender with
    {
        Registration = offender.Registration.Notified(NotificationId, Kind, DueBy, NotifiedOn, DaysLate, restartsPeriodicClock: true)
            with { HouseholdsWithChildren = [.. offender.Registration.HouseholdsWithChildren, new HouseholdStay(Address, From, ChildPresent, NotifiedOn)] },
    };
}

public sealed record ForeignTravelNotified(
    Guid NotificationId, DateOnly DepartureOn, DateOnly ReturnOn, string DestinationCountry, string? ShortNoticeReason, DateOnly NotifiedOn, DateOnly DueBy, int DaysLate,
    Actor RecordedBy, DateTimeOffset RecordedAt) : INotificationEvent
{
    public NotificationKind Kind => NotificationKind.ForeignTravel;

    public DateOnly ChangedOn => DepartureOn;

    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(NotifiedOn);

    public string Summary => $"Foreign travel to {DestinationCountry} from {NotificationDeadlines.Show(DepartureOn)} to {NotificationDeadlines.Show(ReturnOn)}, {NotificationText.Notified(NotifiedOn, DueBy, DaysLate)}{(ShortNoticeReason is null ? "" : "; short notice: " + ShortNoticeReason)}";

    /// <summary>Travel is notified under s.86, not s.84(1), so it does not restart the periodic clock (s.85(2)).</summary>
    public Offender Apply(Offender offender) => offender with
    {
        Registration = offender.Registration.Notified(NotificationId, Kind, DueBy, NotifiedOn, DaysLate, restartsPeriodicClock: false)
            with { ForeignTravel = [.. offender.Registration.ForeignTravel, new ForeignTrip(DepartureOn, ReturnOn, DestinationCountry, NotifiedOn, ShortNoticeReason)] },
    };
}

/// <param name="NoFixedAbodeSince">On the first report only: the day the offender left their notified home address.</param>
public sealed record NoFixedAbodeWeeklyReportMade(
    Guid NotificationId, string Place, DateOnly? NoFixedAbodeSince, DateOnly NotifiedOn, DateOnly DueBy, int DaysLate,
    Actor RecordedBy, DateTimeOffset RecordedAt) : INotificationEvent
{
    public NotificationKind Kind => NotificationKind.NoFixedAbodeWeeklyReport;

    public DateOnly ChangedOn => NoFixedAbodeSince ?? NotifiedOn;

    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(NotifiedOn);

    public string Summary => $"{(NoFixedAbodeSince is { } since ? $"No fixed abode since {NotificationDeadlines.Show(since)}: first weekly" : "Weekly")} report, can regularly be found at {Place}; {NotificationText.Notified(NotifiedOn, DueBy, DaysLate)}";

    /// <summary>A periodic notification (s.85(1)): it restarts the clock, which runs weekly while of no fixed abode.</summary>
    public Offender Apply(Offender offender)
    {
        var registration = offender.Registration;
        var since = registration.NoFixedAbode?.Since ?? NoFixedAbodeSince ?? NotifiedOn;
        var last = registration.NoFixedAbode is { } nfa && nfa.LastReportedOn > NotifiedOn ? nfa.LastReportedOn : NotifiedOn;
        // On becoming of no fixed abode the notified home address is left: it is kept as a former address.
        var former = registration.NoFixedAbode is null && offender.Identity.Address.Line1.Length > 0
            ? [.. registration.PreviousAddresses, new FormerAddress(offender.Identity.Address, since)]
            : registration.PreviousAddresses;
        return offender with
        {
            Registration = registration.Notified(NotificationId, Kind, DueBy, NotifiedOn, DaysLate, restartsPeriodicClock: true)
                with { NoFixedAbode = new NoFixedAbode(Place, since, last), PreviousAddresses = former },
        };
    }
}

/// <param name="Kind">BankAccount, PaymentCard or IdentityDocument.</param>
/// <param name="MaskedNumber">The last four digits, or the masked document number: never the full number.</param>
public sealed record AccountOrDocumentNotified(
    Guid NotificationId, NotificationKind Kind, AccountOrDocumentChange Change, string Issuer, string MaskedNumber, string? DocumentType,
    DateOnly ChangedOn, DateOnly NotifiedOn, DateOnly DueBy, int DaysLate, Actor RecordedBy, DateTimeOffset RecordedAt) : INotificationEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(NotifiedOn);

    public string Summary => $"{What} {(Change == AccountOrDocumentChange.Added ? "added" : "removed")} ({Issuer}, {MaskedNumber}) on {NotificationDeadlines.Show(ChangedOn)}, {NotificationText.Notified(NotifiedOn, DueBy, DaysLate)}";

    private string What => Kind switch
    {
        NotificationKind.BankAccount => "Bank account",
        NotificationKind.PaymentCard => "Payment card",
        _ => DocumentType ?? "Identity document",
    };

    /// <summary>The list holds what the offender has now: an addition joins it, a removal takes the matching entry out.</summary>
    public Offender Apply(Offender offender)
    {
        var registration = offender.Registration;
        var others = registration.AccountsAndDocuments.Where(a => !(a.Kind == Kind
            && string.Equals(a.MaskedNumber, MaskedNumber, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.Issuer, Issuer, StringComparison.OrdinalIgnoreCase))).ToList();
        var held = Change == AccountOrDocumentChange.Added
            ? [.. others, new AccountOrDocument(Kind, Issuer, MaskedNumber, DocumentType, ChangedOn)]
            : others;
        return offender with
        {
            Registration = registration.Notified(NotificationId, Kind, DueBy, NotifiedOn, DaysLate, restartsPeriodicClock: true)
                with { AccountsAndDocuments = held },
        };
    }
}
