using Microsoft.Extensions.Time.Testing;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Tests.Offenders;

// Pure rules: no host, no database.

public sealed class when_registration_values_are_checked
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static RegisterOffender.Request Valid() => new(
        new RegisterOffender.NameBody("Test", "Fictional"), ["T. Fictional", "t. fictional"], new DateOnly(1980, 4, 1),
        new RegisterOffender.AddressBody("1 Example Street", null, "Demotown", "zz1 1aa"), "Offence", new DateOnly(2020, 5, 1),
        new RegisterOffender.SentenceBody(SentenceKind.Custodial, 36, null), null, 2,
        new RegisterOffender.OfficerBody("DC1", "DC One"), "North", null);

    [Fact]
    public void a_valid_request_becomes_a_command_registered_today_with_tidy_values()
    {
        var (command, validation) = RegisterOffender.Validate(Valid(), Today);

        validation.IsValid.ShouldBeTrue();
        command!.RegisteredOn.ShouldBe(Today);
        command.Address.Postcode.ShouldBe("ZZ1 1AA");
        command.Aliases.ShouldBe(["T. Fictional"]);
    }

    [Fact]
    public void a_conviction_before_the_tenth_birthday_is_refused_and_on_it_is_accepted()
    {
        RegisterOffender.Validate(Valid() with { ConvictionDate = new DateOnly(1990, 3, 31) }, Today).Validation.Errors.ShouldContainKey("convictionDate");
        RegisterOffender.Validate(Valid() with { ConvictionDate = new DateOnly(1990, 4, 1) }, Today).Validation.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void a_date_of_birth_today_is_accepted_and_tomorrow_is_not()
    {
        var request = Valid() with { ConvictionDate = null };
        RegisterOffender.Validate(request with { DateOfBirth = Today }, Today).Validation.Errors.ShouldNotContainKey("dateOfBirth");
        RegisterOffender.Validate(request with { DateOfBirth = Today.AddDays(1) }, Today).Validation.Errors.ShouldContainKey("dateOfBirth");
    }

    [Fact]
    public void custodial_months_belong_only_to_custodial_sentences()
    {
        var community = Valid() with { Sentence = new RegisterOffender.SentenceBody(SentenceKind.CommunityOrder, 12, null) };
        RegisterOffender.Validate(community, Today).Validation.Errors.ShouldContainKey("sentence.custodialMonths");
        var custodial = Valid() with { Sentence = new RegisterOffender.SentenceBody(SentenceKind.Custodial, 0, null) };
        RegisterOffender.Validate(custodial, Today).Validation.Errors.ShouldContainKey("sentence.custodialMonths");
    }
}

public sealed class when_home_visit_values_are_checked
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    private static readonly Now At = new(Now, new DateOnly(2026, 6, 15));

    private static RecordHomeVisit.Request Valid(params string[] officers) => new(
        Now.AddHours(-1), officers.Select(o => new RecordHomeVisit.OfficerBody(o, "Officer " + o)).ToList(), VisitKind.Announced, true,
        [], null, null, officers.Length < 2 ? "Colleague off sick" : null);

    [Fact]
    public void one_officer_needs_a_reason_and_two_must_not_give_one()
    {
        RecordHomeVisit.Validate(Valid("PC1") with { SingleOfficerReason = null }, At).Validation.Errors.ShouldContainKey("singleOfficerReason");
        RecordHomeVisit.Validate(Valid("PC1"), At).Validation.IsValid.ShouldBeTrue();
        RecordHomeVisit.Validate(Valid("PC1", "PC2"), At).Validation.IsValid.ShouldBeTrue();
        RecordHomeVisit.Validate(Valid("PC1", "PC2") with { SingleOfficerReason = "why" }, At).Validation.Errors.ShouldContainKey("singleOfficerReason");
    }

    [Fact]
    public void a_visit_time_within_the_clock_allowance_is_accepted_and_beyond_it_is_not()
    {
        var edge = Now + Mosovo.Api.Http.Validation.ClockAllowance;
        RecordHomeVisit.Validate(Valid("PC1", "PC2") with { VisitedAt = edge }, At).Validation.IsValid.ShouldBeTrue();
        RecordHomeVisit.Validate(Valid("PC1", "PC2") with { VisitedAt = edge.AddTicks(1) }, At).Validation.Errors.ShouldContainKey("visitedAt");
    }
}

public sealed class when_an_offenders_events_are_folded
{
    private static readonly Actor Someone = new("u1", "DC One");
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    private static OffenderRegistered Registration(Guid id) => new(id, "MOS-000001", new PersonName("Test", "Fictional"), [],
        new DateOnly(1980, 1, 1), new Address("1 Example Street", null, "Demotown", "ZZ1 1AA"), "Offence", new DateOnly(2020, 1, 1),
        new Sentence(SentenceKind.Caution, null, null), null, 1, new Officer("DC1", "DC One"), "North", new DateOnly(2020, 2, 1), Someone, Now);

    private static HomeVisitRecorded Visit(bool entryGained, DateTimeOffset at) => new(Guid.NewGuid(), at, [new Officer("DC1", "DC One")],
        VisitKind.Unannounced, entryGained, [], null, null, "Alone", Someone, Now);

    [Fact]
    public void two_failed_entries_since_the_last_entry_make_the_warrant_available()
    {
        var offender = Offender.Evolve(null, Registration(Guid.NewGuid()));
        offender = Offender.Evolve(offender, Visit(false, Now.AddDays(-3)));
        offender.Visits.EntryWarrantAvailable.ShouldBeFalse();
        offender = Offender.Evolve(offender, Visit(false, Now.AddDays(-2)));
        offender.Visits.EntryWarrantAvailable.ShouldBeTrue();
        offender = Offender.Evolve(offender, Visit(true, Now.AddDays(-1)));
        offender.Visits.EntryWarrantAvailable.ShouldBeFalse();
        offender.Visits.Count.ShouldBe(3);
        offender.Visits.LastVisitAt.ShouldBe(Now.AddDays(-1));
    }

    [Fact]
    public void a_visit_recorded_late_does_not_move_the_last_visit_back()
    {
        var offender = Offender.Evolve(Offender.Evolve(null, Registration(Guid.NewGuid())), Visit(true, Now));
        Offender.Evolve(offender, Visit(true, Now.AddDays(-10))).Visits.LastVisitAt.ShouldBe(Now);
    }

    [Fact]
    public void a_stream_that_does_not_start_with_registration_is_an_error()
    {
        Should.Throw<InvalidOperationException>(() => Offender.Evolve(null, Visit(true, Now)));
    }

    [Fact]
    public void a_uk_date_is_the_calendar_day_in_london()
    {
        // 23:30 UTC on 15 June is 00:30 BST on 16 June.
        var lateEvening = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero));
        Clock.Today(lateEvening).ShouldBe(new DateOnly(2026, 6, 16));
    }
}
