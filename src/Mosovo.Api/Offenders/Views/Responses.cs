using Mosovo.Api.Compliance;

namespace Mosovo.Api.Offenders;

// Small response records that several answers share. Responses are their own records, never the stored
// state's types: the state can change shape (and be folded again) without changing what the API answers.

/// <summary>A person's name as the API shows it.</summary>
public sealed record NameResponse(string GivenNames, string FamilyName)
{
    public static NameResponse From(PersonName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new NameResponse(name.GivenNames, name.FamilyName);
    }
}

public sealed record AddressResponse(string Line1, string? Line2, string Town, string Postcode)
{
    public static AddressResponse From(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new AddressResponse(address.Line1, address.Line2, address.Town, address.Postcode);
    }
}

/// <summary>An officer: their warrant number and name.</summary>
public sealed record OfficerResponse(string Id, string Name)
{
    public static OfficerResponse From(Officer officer)
    {
        ArgumentNullException.ThrowIfNull(officer);
        return new OfficerResponse(officer.Id, officer.Name);
    }
}

/// <summary>The user who recorded something: their directory id and their name at the time.</summary>
public sealed record ActorResponse(string UserId, string Name)
{
    public static ActorResponse From(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new ActorResponse(actor.UserId, actor.Name);
    }
}

/// <summary>How an obligation closed: the entry that satisfied it, or a supervisor's waiver with its reason.</summary>
/// <param name="ByVersion">The entry on the record that closed it.</param>
/// <param name="By">Who recorded that entry.</param>
public sealed record ObligationClosureResponse(
    long ByVersion,
    string ByType,
    DateTimeOffset At,
    string By,
    bool Waived,
    string? Reason);

/// <summary>Something that must be done about an offender, its due time and, once closed, what closed it.</summary>
/// <param name="Key">Unique on the offender's record, e.g. <c>single-officer-visit-review:5</c>.</param>
/// <param name="What">What is due, in words.</param>
/// <param name="Why">Why: the entry on the record that opened it, as the timeline words it.</param>
/// <param name="AnchorAt">The moment the due time counts from.</param>
/// <param name="Basis">What else the due time depends on, e.g. the risk level for the next visit.</param>
/// <param name="DueAt">When it is due. Overdue strictly after this moment.</param>
public sealed record ObligationResponse(
    string Key,
    ObligationKind Kind,
    string What,
    string Why,
    long OpenedByVersion,
    string OpenedByType,
    DateTimeOffset AnchorAt,
    string? Basis,
    DateTimeOffset DueAt,
    ObligationClosureResponse? Closure,
    bool IsOpen)
{
    public static ObligationResponse From(Obligation obligation)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        var o = obligation;
        var closure = o.Closure is { } c
            ? new ObligationClosureResponse(c.ByVersion, c.ByType, c.At, c.By, c.Waived, c.Reason)
            : null;
        return new ObligationResponse(
            o.Key, o.Kind, o.What, o.Why, o.OpenedByVersion, o.OpenedByType, o.AnchorAt, o.Basis, o.DueAt, closure,
            o.IsOpen);
    }
}
