using Mosovo.Api.Audit;
using System.Globalization;
using Mosovo.Api.Hosting;
using Mosovo.Api.Http;
using Npgsql;

namespace Mosovo.Api.Offenders;

/// <summary>Register an offender who has become subject to notification requirements: the stream's first event.</summary>
public static class RegisterOffender
{
    public sealed record NameBody(string? GivenNames, string? FamilyName);

    public sealed record AddressBody(string? Line1, string? Line2, string? Town, string? Postcode);

    /// <param name="CustodialMonths">For a custodial or suspended sentence: the term in whole months as the court passed it
    /// (consecutive terms added together, s.82(3)). The s.82 thresholds are 6 and 30 months, so a term passed in weeks or
    /// days near them (e.g. 27 weeks, 129 weeks) must be checked against the court record before it is entered.</param>
    /// <param name="DischargeMonths">For a conditional discharge: the period of the discharge in months (at most 3 years).</param>
    public sealed record SentenceBody(SentenceKind? Kind, int? CustodialMonths, string? Description, int? DischargeMonths = null);

    public sealed record OfficerBody(string? Id, string? Name);

    /// <param name="ConvictionDate">The relevant date of s.82(6): the date of conviction, or of the caution.</param>
    /// <param name="RegisteredOn">The day of the initial notification (s.83(1)), from which the annual notification and a
    /// review of indefinite requirements are counted; today when not given.</param>
    public sealed record Request(
        NameBody? Name,
        IReadOnlyList<string>? Aliases,
        DateOnly? DateOfBirth,
        AddressBody? Address,
        string? Offence,
        DateOnly? ConvictionDate,
        SentenceBody? Sentence,
        string? PncId,
        int? MappaCategory,
        OfficerBody? Manager,
        string? Team,
        DateOnly? RegisteredOn)
    {
        public static Request Example => new(
            new NameBody("John", "Example"), ["Jon Exemplar"], new DateOnly(1980, 4, 1),
            new AddressBody("1 Example Street", null, "Demotown", "ZZ1 1AA"), "Sexual assault (s.3 Sexual Offences Act 2003)",
            new DateOnly(2020, 5, 1), new SentenceBody(SentenceKind.Custodial, 36, "3 years' imprisonment"), "2019/0123456A", 1,
            new OfficerBody("DC1234", "DC Alex Example"), "North MOSOVO", null);
    }

    public sealed record Registered(Guid OffenderId, string Reference, long Version);

    /// <summary>The registration, checked: every value present and sensible.</summary>
    public sealed record Command(
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
        DateOnly RegisteredOn);

    /// <summary>The youngest age at which a person can be convicted in England and Wales.</summary>
    public const int AgeOfCriminalResponsibility = 10;

    /// <summary>The longest custodial term the form accepts (100 years): anything longer is a typing error.</summary>
    public const int MaxCustodialMonths = 1200;

    /// <summary>A suspended sentence order suspends a term of at most 2 years (Sentencing Act 2020 s.264 and s.277).</summary>
    public const int MaxSuspendedMonths = 24;

    /// <summary>A conditional discharge lasts at most 3 years (Sentencing Act 2020 s.80).</summary>
    public const int MaxDischargeMonths = 36;

    public static (Command? Command, Validation Validation) Validate(Request request, DateOnly today)
    {
        var v = new Validation();
        var name = v.Required("name", request.Name);
        var givenNames = v.Text("name.givenNames", name?.GivenNames, 100);
        var familyName = v.Text("name.familyName", name?.FamilyName, 100);

        var aliases = v.List("aliases", request.Aliases, 20);
        for (var i = 0; i < aliases.Count; i++)
            v.Text(string.Create(CultureInfo.InvariantCulture, $"aliases[{i}]"), aliases[i], 200);

        var dateOfBirth = v.PastDate("dateOfBirth", request.DateOfBirth, today);

        var address = ValidateAddress(v, "address", request.Address);

        var offence = v.Text("offence", request.Offence, 500);
        var convictionDate = v.PastDate("convictionDate", request.ConvictionDate, today);
        if (request.DateOfBirth is { } dob && dob <= today && request.ConvictionDate is { } convicted && convicted < dob.AddYears(AgeOfCriminalResponsibility))
            v.Add("convictionDate", string.Create(CultureInfo.InvariantCulture, $"must be on or after the offender's {AgeOfCriminalResponsibility}th birthday."));

        var sentence = v.Required("sentence", request.Sentence);
        var kind = v.Required("sentence.kind", sentence?.Kind);
        var custodialMonths = sentence?.CustodialMonths;
        if (kind is SentenceKind.Custodial or SentenceKind.SuspendedCustodial)
        {
            var max = kind == SentenceKind.SuspendedCustodial ? MaxSuspendedMonths : MaxCustodialMonths;
            if (custodialMonths is null) v.Add("sentence.custodialMonths", "is required for a custodial or suspended sentence.");
            else if (custodialMonths < 1 || custodialMonths > max) v.Add("sentence.custodialMonths", string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {max}."));
        }
        else if (sentence is not null && custodialMonths is not null)
        {
            v.Add("sentence.custodialMonths", "applies only to custodial and suspended sentences.");
        }

        var dischargeMonths = sentence?.DischargeMonths;
        if (kind == SentenceKind.ConditionalDischarge)
        {
            if (dischargeMonths is null) v.Add("sentence.dischargeMonths", "is required for a conditional discharge: the notification period is the period of the discharge.");
            else if (dischargeMonths is < 1 or > MaxDischargeMonths) v.Add("sentence.dischargeMonths", string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {MaxDischargeMonths}."));
        }
        else if (sentence is not null && dischargeMonths is not null)
        {
            v.Add("sentence.dischargeMonths", "applies only to a conditional discharge.");
        }

        var description = v.OptionalText("sentence.description", sentence?.Description, 500);
        var pncId = v.Matches("pncId", request.PncId, Validation.PncId(), "a PNC ID such as 2019/0123456A");

        var mappaCategory = v.Required("mappaCategory", request.MappaCategory);
        if (request.MappaCategory is < 1 or > 3) v.Add("mappaCategory", "must be 1, 2 or 3.");

        var manager = v.Required("manager", request.Manager);
        var managerId = v.Text("manager.id", manager?.Id, 50);
        var managerName = v.Text("manager.name", manager?.Name, 100);
        var team = v.Text("team", request.Team, 100);

        var registeredOn = request.RegisteredOn is null ? today : v.PastDate("registeredOn", request.RegisteredOn, today);
        if (request.RegisteredOn is { } on && request.ConvictionDate is { } conviction && on < conviction)
            v.Add("registeredOn", "cannot be before the conviction date.");

        if (!v.IsValid)
            return (null, v);

        var checkedSentence = new Sentence(kind, custodialMonths, description, dischargeMonths);
        if (NotificationPeriod.For(checkedSentence, dateOfBirth, convictionDate).LastDay(convictionDate) is { } lastDay && lastDay < registeredOn)
        {
            v.Add("convictionDate", $"gives a notification period that ended on {NotificationDeadlines.Show(lastDay)}, before the registration date: the offender is no longer subject to notification requirements.");
            return (null, v);
        }

        return (new Command(
            new PersonName(givenNames, familyName),
            aliases.Select(a => a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            dateOfBirth,
            address!,
            offence,
            convictionDate,
            checkedSentence,
            pncId,
            mappaCategory,
            new Officer(managerId, managerName),
            team,
            registeredOn), v);
    }

    /// <summary>A UK address, field by field under <paramref name="field"/>; null when absent or invalid.</summary>
    public static Address? ValidateAddress(Validation v, string field, AddressBody? body)
    {
        ArgumentNullException.ThrowIfNull(v);
        var address = v.Required(field, body);
        var line1 = v.Text(field + ".line1", address?.Line1, 200);
        var line2 = v.OptionalText(field + ".line2", address?.Line2, 200);
        var town = v.Text(field + ".town", address?.Town, 100);
        var postcode = v.Matches(field + ".postcode", address?.Postcode, Validation.UkPostcode(), "a UK postcode such as AB1 2CD", required: true);
        return address is null || postcode is null || line1.Length == 0 || town.Length == 0
            ? null
            : new Address(line1, line2, town, postcode.ToUpperInvariant());
    }

    public static OffenderRegistered Decide(Guid offenderId, string reference, Command command, Actor actor, DateTimeOffset now) =>
        new(offenderId, reference, command.Name, command.Aliases, command.DateOfBirth, command.Address, command.Offence,
            command.ConvictionDate, command.Sentence, command.PncId, command.MappaCategory, command.Manager, command.Team,
            command.RegisteredOn, actor, now);

    public static RouteHandlerBuilder Map(RouteGroupBuilder offenders) => offenders.MapPost("/", Handle)
        .WithName("RegisterOffender")
        .WithSummary("Register an offender subject to notification requirements")
        .WithDescription("Starts the offender's record. Answers 201 with Location and ETag. Accepts Idempotency-Key.")
        .RequireAuthorization(Policies.RecordHistory)
        .LogsWrites("RegisterOffender")
        .WithIdempotencyKey()
        .Produces<Registered>(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static async Task<IResult> Handle(
        Request request, HttpContext http, OffenderStreams streams, NpgsqlDataSource database, TimeProvider time, CancellationToken cancellationToken)
    {
        var (command, validation) = Validate(request, Clock.Today(time));
        if (command is null)
            return Problems.Validation(validation);

        var offenderId = Guid.CreateVersion7();
        var reference = await NextReferenceAsync(database, cancellationToken);
        var registered = Decide(offenderId, reference, command, OffenderStreams.ActorOf(http), time.GetUtcNow());
        return await streams.WriteAsync(http, offenderId, expectedVersion: null, _ => Decision.Record(registered),
            (version, _) => new WriteOutcome(StatusCodes.Status201Created, new Registered(offenderId, reference, version),
                $"/offenders/{offenderId}", version),
            cancellationToken);
    }

    private static async Task<string> NextReferenceAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT nextval('mosovo.offender_reference')");
        var next = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return string.Create(CultureInfo.InvariantCulture, $"MOS-{next:D6}");
    }
}
