using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;

namespace Mosovo.Api.Offenders;

/// <summary>A release from custody as the summary shows it: the day, where from, and whether on licence.</summary>
public sealed record CustodyRelease(DateOnly ReleasedOn, string Establishment, bool OnLicence);

/// <summary>
/// The offender was released from custody (prison, a secure hospital, remand). Release is a significant event: an
/// ARMS review falls due (docs/policies.md), and the offender must notify within 3 days of release.
/// </summary>
public sealed record ReleasedFromCustody(DateOnly ReleasedOn, string Establishment, bool OnLicence, Actor RecordedBy, DateTimeOffset RecordedAt) : IOffenderEvent
{
    public DateTimeOffset OccurredAt => OffenderEvents.StartOf(ReleasedOn);

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"Released from {Establishment} on {ReleasedOn:d MMMM yyyy}{(OnLicence ? ", on licence" : "")}");

    public Offender Apply(Offender offender) => offender with { LastRelease = new CustodyRelease(ReleasedOn, Establishment, OnLicence) };
}

/// <summary>Record a release from custody: the day, the establishment, and whether the offender is on licence.</summary>
public static class RecordReleaseFromCustody
{
    public sealed record Request(DateOnly? ReleasedOn, string? Establishment, bool? OnLicence)
    {
        public static Request Example => new(new DateOnly(2026, 11, 20), "HMP Exampleton", true);
    }

    public sealed record Command(DateOnly ReleasedOn, string Establishment, bool OnLicence);

    public const int MaxEstablishmentLength = 200;

    public const string ArmsReviewAdvice = "A release from custody is a significant event: an ARMS review now falls due, and the offender must notify within 3 days.";

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) =>
        offenders.MapOffenderCommand<Request, Command>("custody/releases", "RecordReleaseFromCustody", "Record a release from custody", Validate, Decide);

    public static (Command? Command, Validation Validation) Validate(Request request, Now now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var v = new Validation();
        var releasedOn = v.PastDate("releasedOn", request.ReleasedOn, now.Today);
        var establishment = v.Text("establishment", request.Establishment, MaxEstablishmentLength);
        var onLicence = v.Required("onLicence", request.OnLicence);
        return v.IsValid ? (new Command(releasedOn, establishment, onLicence), v) : (null, v);
    }

    public static Decision Decide(Offender offender, Command command, Actor actor, Now now)
    {
        ArgumentNullException.ThrowIfNull(offender);
        ArgumentNullException.ThrowIfNull(command);
        if (command.ReleasedOn < offender.Registration.ConvictionDate)
        {
            return Decision.Refuse("releasedOn", string.Create(CultureInfo.InvariantCulture,
                $"cannot be before the conviction date ({offender.Registration.ConvictionDate:yyyy-MM-dd}) this registration follows."));
        }

        if (offender.LastRelease is { } last && command.ReleasedOn == last.ReleasedOn)
            return Decision.Refuse("releasedOn", "this release is already recorded.");
        return Decision.Record(new ReleasedFromCustody(command.ReleasedOn, command.Establishment, command.OnLicence, actor, now.Moment), null, ArmsReviewAdvice);
    }
}
