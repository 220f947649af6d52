using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Tests.Registration;

// Pure decisions and state: no host, no database.

public sealed class when_notifications_are_decided_and_folded
{
    private static readonly Actor Officer = new("u1", "DC One");
    private static readonly DateOnly Today = new(2026, 6, 15);
    private static readonly Now At = new(new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero), Today);
    private static readonly Address Home = new("1 Example Street", null, "Demotown", "ZZ1 1AA");
    private static readonly Address NewHome = new("2 Sample Road", null, "Demotown", "ZZ2 2BB");

    internal static Offender Registered(Sentence? sentence = null, DateOnly? registeredOn = null, DateOnly? dateOfBirth = null) =>
        Offender.Evolve(null, new OffenderRegistered(Guid.NewGuid(), "MOS-000001", new PersonName("Test", "Fictional"), ["T. Fictional"],
            dateOfBirth ?? new DateOnly(1980, 4, 1), Home, "Offence", new DateOnly(2020, 5, 1), sentence ?? new Sentence(SentenceKind.Custodial, 36, null),
            null, 1, new Mosovo.Api.Offenders.Officer("DC1", "DC One"), "North", registeredOn ?? new DateOnly(2025, 6, 1), Officer, At.Moment));

    internal static Offender Apply(Offender offender, Decision decision)
    {
        decision.Refusal.ShouldBeNull();
        return decision.Events.Aggregate(offender, Offender.Evolve);
    }

    private static Offender Notify(Offender offender, NotificationKind kind, DateOnly notifiedOn, RecordNotification.Change change) =>
        Apply(offender, RecordNotification.Decide(offender, new RecordNotification.Command(kind, notifiedOn, change), Officer, At));

    [Fact]
    public void registration_shows_the_period_its_end_or_review_date_and_the_annual_notification_due()
    {
        var indefinite = Registered().Registration;
        indefinite.Period!.Description.ShouldBe("indefinite");
        indefinite.NotificationEndsOn.ShouldBeNull();
        indefinite.ReviewEligibleOn.ShouldBe(new DateOnly(2040, 6, 1));
        indefinite.LastNotifiedOn.ShouldBe(new DateOnly(2025, 6, 1));
        indefinite.NextNotificationDue.ShouldBe(new DateOnly(2026, 6, 1));

        var fixedTerm = Registered(new Sentence(SentenceKind.Custodial, 12, null)).Registration;
        fixedTerm.Period!.Description.ShouldBe("10 years");
        fixedTerm.NotificationEndsOn.ShouldBe(new DateOnly(2030, 4, 30));
        fixedTerm.ReviewEligibleOn.ShouldBeNull();
    }

    [Fact]
    public void a_change_notified_on_the_third_day_beginning_with_it_is_on_time_and_on_the_fourth_is_one_day_late()
    {
        var offender = Registered();
        var onTime = RecordNotification.Decide(offender, new(NotificationKind.HomeAddressChange, new DateOnly(2026, 6, 3),
            new RecordNotification.HomeAddressChange(NewHome, new DateOnly(2026, 6, 1))), Officer, At);
        var late = RecordNotification.Decide(offender, new(NotificationKind.HomeAddressChange, new DateOnly(2026, 6, 4),
            new RecordNotification.HomeAddressChange(NewHome, new DateOnly(2026, 6, 1))), Officer, At);

        ((INotificationEvent)onTime.Events.Single()).DaysLate.ShouldBe(0);
        onTime.Advice.ShouldBeEmpty();
        var lateEvent = (INotificationEvent)late.Events.Single();
        lateEvent.DaysLate.ShouldBe(1);
        lateEvent.DueBy.ShouldBe(new DateOnly(2026, 6, 3));
        late.Advice.Single().ShouldContain("1 day late");
        var state = Apply(offender, late).Registration;
        state.LateNotifications.Single().ShouldBe(new LateNotification(lateEvent.NotificationId, NotificationKind.HomeAddressChange, new DateOnly(2026, 6, 3), new DateOnly(2026, 6, 4), 1));
    }

    [Fact]
    public void a_name_change_becomes_the_name_and_the_old_name_an_alias()
    {
        var offender = Notify(Registered(), NotificationKind.NameChange, new DateOnly(2026, 6, 2),
            new RecordNotification.NameChange(new PersonName("Tess", "Renamed"), new DateOnly(2026, 6, 1)));

        offender.Identity.Name.ShouldBe(new PersonName("Tess", "Renamed"));
        offender.Identity.Aliases.ShouldBe(["T. Fictional", "Test Fictional"]);
        RecordNotification.Decide(offender, new(NotificationKind.NameChange, Today,
            new RecordNotification.NameChange(new PersonName("TESS", "renamed"), Today)), Officer, At).Refusal!.Errors.ShouldContainKey("nameChange");
    }

    [Fact]
    public void a_home_address_change_keeps_the_old_address_restarts_the_annual_clock_and_ends_no_fixed_abode()
    {
        var offender = Notify(Registered(), NotificationKind.NoFixedAbodeWeeklyReport, new DateOnly(2026, 1, 5),
            new RecordNotification.WeeklyReport("Doorway of the library, Demotown", new DateOnly(2026, 1, 4)));
        offender.Registration.NoFixedAbode.ShouldBe(new NoFixedAbode("Doorway of the library, Demotown", new DateOnly(2026, 1, 4), new DateOnly(2026, 1, 5)));
        offender.Registration.NextNotificationDue.ShouldBe(new DateOnly(2026, 1, 12));

        offender = Notify(offender, NotificationKind.HomeAddressChange, new DateOnly(2026, 2, 1),
            new RecordNotification.HomeAddressChange(NewHome, new DateOnly(2026, 2, 1)));

        offender.Identity.Address.ShouldBe(NewHome);
        offender.Registration.NoFixedAbode.ShouldBeNull();
        offender.Registration.LastNotifiedOn.ShouldBe(new DateOnly(2026, 2, 1));
        offender.Registration.NextNotificationDue.ShouldBe(new DateOnly(2027, 2, 1));
        // The address left on becoming of no fixed abode is kept once, from the day it was left.
        offender.Registration.PreviousAddresses.ShouldBe([new FormerAddress(Home, new DateOnly(2026, 1, 4))]);

        var moved = Notify(Registered(), NotificationKind.HomeAddressChange, new DateOnly(2026, 2, 1),
            new RecordNotification.HomeAddressChange(NewHome, new DateOnly(2026, 1, 31)));
        moved.Registration.PreviousAddresses.ShouldBe([new FormerAddress(Home, new DateOnly(2026, 1, 31))]);
    }

    [Fact]
    public void the_same_home_address_is_refused_with_the_field_named()
    {
        var decision = RecordNotification.Decide(Registered(), new(NotificationKind.HomeAddressChange, Today,
            new RecordNotification.HomeAddressChange(Home with { Postcode = "ZZ11AA", Line1 = "1 EXAMPLE STREET" }, Today)), Officer, At);

        decision.Refusal!.Errors.ShouldContainKey("homeAddressChange.address");
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void foreign_travel_does_not_restart_the_annual_clock_but_a_stay_and_a_household_do()
    {
        var offender = Notify(Registered(), NotificationKind.ForeignTravel, new DateOnly(2026, 3, 1),
            new RecordNotification.ForeignTravel(new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 27), "France", null));
        offender.Registration.LastNotifiedOn.ShouldBe(new DateOnly(2025, 6, 1));
        offender.Registration.ForeignTravel.Single().DestinationCountry.ShouldBe("France");
        offender.Registration.LateNotifications.ShouldBeEmpty();

        // A stay from 1 April reaches 7 days on 7 April, so it is due by 9 April: the 10th is one day late.
        offender = Notify(offender, NotificationKind.StayAtUnnotifiedAddress, new DateOnly(2026, 4, 10),
            new RecordNotification.Stay(NewHome, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 12)));
        offender.Registration.LastNotifiedOn.ShouldBe(new DateOnly(2026, 4, 10));
        offender.Registration.LateNotifications.Single().DaysLate.ShouldBe(1);

        offender = Notify(offender, NotificationKind.HouseholdWithChild, new DateOnly(2026, 5, 2),
            new RecordNotification.Household(NewHome, new DateOnly(2026, 5, 1), ChildPresent: true));
        offender.Registration.HouseholdsWithChildren.Single().ChildPresent.ShouldBeTrue();
        offender.Registration.NextNotificationDue.ShouldBe(new DateOnly(2027, 5, 2));
    }

    [Fact]
    public void travel_notified_at_short_notice_is_accepted_and_marked_late_unless_a_reason_is_given()
    {
        var offender = Registered();
        var departure = new DateOnly(2026, 6, 20);
        var noReason = RecordNotification.Decide(offender, new(NotificationKind.ForeignTravel, new DateOnly(2026, 6, 15),
            new RecordNotification.ForeignTravel(departure, departure.AddDays(7), "Spain", null)), Officer, At);
        var reason = RecordNotification.Decide(offender, new(NotificationKind.ForeignTravel, new DateOnly(2026, 6, 15),
            new RecordNotification.ForeignTravel(departure, departure.AddDays(7), "Spain", "Mother taken ill abroad")), Officer, At);

        ((INotificationEvent)noReason.Events.Single()).DaysLate.ShouldBe(2);
        ((INotificationEvent)reason.Events.Single()).DaysLate.ShouldBe(0);
    }

    [Fact]
    public void a_household_with_a_child_gives_advice_on_the_significant_event()
    {
        var decision = RecordNotification.Decide(Registered(), new(NotificationKind.HouseholdWithChild, Today,
            new RecordNotification.Household(NewHome, Today, ChildPresent: true)), Officer, At);

        decision.Advice.Single().ShouldContain("ARMS");
    }

    [Fact]
    public void weekly_reports_need_the_date_of_no_fixed_abode_first_and_then_follow_weekly()
    {
        var offender = Registered();
        RecordNotification.Decide(offender, new(NotificationKind.NoFixedAbodeWeeklyReport, Today, new RecordNotification.WeeklyReport("Park", null)), Officer, At)
            .Refusal!.Errors.ShouldContainKey("weeklyReport.noFixedAbodeSince");

        offender = Notify(offender, NotificationKind.NoFixedAbodeWeeklyReport, new DateOnly(2026, 6, 1), new RecordNotification.WeeklyReport("Park", new DateOnly(2026, 5, 25)));
        offender.Registration.LateNotifications.Single().DaysLate.ShouldBe(5);

        var late = RecordNotification.Decide(offender, new(NotificationKind.NoFixedAbodeWeeklyReport, new DateOnly(2026, 6, 10), new RecordNotification.WeeklyReport("Park", null)), Officer, At);
        ((INotificationEvent)late.Events.Single()).DueBy.ShouldBe(new DateOnly(2026, 6, 8));
        ((INotificationEvent)late.Events.Single()).DaysLate.ShouldBe(2);
        RecordNotification.Decide(offender, new(NotificationKind.NoFixedAbodeWeeklyReport, new DateOnly(2026, 6, 8), new RecordNotification.WeeklyReport("Park", new DateOnly(2026, 5, 25))), Officer, At)
            .Refusal!.Errors.ShouldContainKey("weeklyReport.noFixedAbodeSince");
        RecordNotification.Decide(offender, new(NotificationKind.NoFixedAbodeWeeklyReport, new DateOnly(2026, 5, 30), new RecordNotification.WeeklyReport("Park", null)), Officer, At)
            .Refusal!.Errors.ShouldContainKey("notifiedOn");
    }

    [Fact]
    public void accounts_and_documents_list_what_is_held_now()
    {
        var offender = Notify(Registered(), NotificationKind.BankAccount, Today,
            new RecordNotification.AccountOrDocumentDetail(AccountOrDocumentChange.Added, "Demo Bank", "1234", null, Today));
        offender = Notify(offender, NotificationKind.IdentityDocument, Today,
            new RecordNotification.AccountOrDocumentDetail(AccountOrDocumentChange.Added, "United Kingdom", RecordNotification.Mask("123456789"), "Passport", Today));
        offender.Registration.AccountsAndDocuments.Count.ShouldBe(2);

        offender = Notify(offender, NotificationKind.BankAccount, Today,
            new RecordNotification.AccountOrDocumentDetail(AccountOrDocumentChange.Removed, "DEMO BANK", "1234", null, Today));

        offender.Registration.AccountsAndDocuments.Single().MaskedNumber.ShouldBe("*****6789");
    }

    [Fact]
    public void the_next_notification_is_not_due_after_the_end_or_beyond_a_fixed_period()
    {
        var ended = Apply(Registered(), EndRegistration.Decide(Registered(), new(Today, RegistrationEndReason.Death, null), Officer, At));
        ended.Registration.NextNotificationDue.ShouldBeNull();
        ended.Flags.ShouldContain("RegistrationEnded");

        // A caution: 2 years from 1 May 2020 ends on 30 April 2022; registered 1 June 2021, the next annual would be 1 June 2022.
        var caution = Registered(new Sentence(SentenceKind.Caution, null, null), new DateOnly(2021, 6, 1));
        caution.Registration.NotificationEndsOn.ShouldBe(new DateOnly(2022, 4, 30));
        caution.Registration.NextNotificationDue.ShouldBeNull();
        Registered(new Sentence(SentenceKind.Caution, null, null), new DateOnly(2021, 4, 30)).Registration.NextNotificationDue.ShouldBe(new DateOnly(2022, 4, 30));
    }

    [Fact]
    public void after_the_end_notifications_and_a_second_end_are_refused_naming_a_field()
    {
        var ended = Apply(Registered(), EndRegistration.Decide(Registered(), new(Today, RegistrationEndReason.Death, null), Officer, At));

        RecordNotification.Decide(ended, new(NotificationKind.NameChange, Today, new RecordNotification.NameChange(new PersonName("A", "B"), Today)), Officer, At)
            .Refusal!.Errors.ShouldContainKey("notifiedOn");
        RecordAnnualNotification.Decide(ended, new(Today, "Demotown"), Officer, At).Refusal!.Errors.ShouldContainKey("notifiedOn");
        EndRegistration.Decide(ended, new(Today, RegistrationEndReason.Other, "again"), Officer, At).Refusal!.Errors.ShouldContainKey("endedOn");
    }

    [Fact]
    public void a_notification_before_the_registration_is_refused()
    {
        RecordNotification.Decide(Registered(), new(NotificationKind.NameChange, new DateOnly(2025, 5, 31),
            new RecordNotification.NameChange(new PersonName("A", "B"), new DateOnly(2025, 5, 30))), Officer, At).Refusal!.Errors.ShouldContainKey("notifiedOn");
    }

    [Fact]
    public void the_annual_notification_is_due_a_year_after_the_last_notification_and_restarts_the_clock()
    {
        var offender = Registered();
        var onTheDay = RecordAnnualNotification.Decide(offender, new(new DateOnly(2026, 6, 1), "Demotown Police Station"), Officer, At);
        var dayAfter = RecordAnnualNotification.Decide(offender, new(new DateOnly(2026, 6, 2), "Demotown Police Station"), Officer, At);

        ((AnnualNotificationMade)onTheDay.Events.Single()).DaysLate.ShouldBe(0);
        ((AnnualNotificationMade)dayAfter.Events.Single()).DaysLate.ShouldBe(1);
        dayAfter.Advice.Single().ShouldContain("1 day late");
        var state = Apply(offender, onTheDay).Registration;
        state.LastAnnualNotification.ShouldBe(new PeriodicNotification(new DateOnly(2026, 6, 1), "Demotown Police Station"));
        state.NextNotificationDue.ShouldBe(new DateOnly(2027, 6, 1));
        RecordAnnualNotification.Decide(Apply(offender, onTheDay), new(new DateOnly(2026, 5, 31), "Demotown"), Officer, At).Refusal!.Errors.ShouldContainKey("notifiedOn");
    }
}

public sealed class when_a_registration_end_is_decided
{
    private static readonly Actor Officer = new("u1", "DC One");
    private static readonly Now At = new(new DateTimeOffset(2045, 6, 15, 10, 0, 0, TimeSpan.Zero), new DateOnly(2045, 6, 15));

    private static Decision End(Offender offender, DateOnly on, RegistrationEndReason reason) =>
        EndRegistration.Decide(offender, new EndRegistration.Command(on, reason, null), Officer, At);

    [Fact]
    public void a_fixed_period_expires_the_day_after_its_last_day_and_not_before()
    {
        var offender = when_notifications_are_decided_and_folded.Registered(new Sentence(SentenceKind.Custodial, 12, null));

        End(offender, new DateOnly(2030, 4, 30), RegistrationEndReason.PeriodExpired).Refusal!.Errors.ShouldContainKey("endedOn");
        var ended = when_notifications_are_decided_and_folded.Apply(offender, End(offender, new DateOnly(2030, 5, 1), RegistrationEndReason.PeriodExpired));
        ended.Registration.EndedOn.ShouldBe(new DateOnly(2030, 5, 1));
        ended.Registration.EndReason.ShouldBe(RegistrationEndReason.PeriodExpired);
    }

    [Fact]
    public void an_indefinite_period_does_not_expire_and_ends_on_review_from_the_qualifying_date()
    {
        var offender = when_notifications_are_decided_and_folded.Registered();

        End(offender, new DateOnly(2044, 1, 1), RegistrationEndReason.PeriodExpired).Refusal!.Errors.ShouldContainKey("reason");
        End(offender, new DateOnly(2040, 5, 31), RegistrationEndReason.IndefiniteRequirementsEndedOnReview).Refusal!.Errors.ShouldContainKey("endedOn");
        End(offender, new DateOnly(2040, 6, 1), RegistrationEndReason.IndefiniteRequirementsEndedOnReview).Refusal.ShouldBeNull();
    }

    [Fact]
    public void a_review_does_not_end_a_fixed_period_but_an_appeal_or_death_ends_any()
    {
        var offender = when_notifications_are_decided_and_folded.Registered(new Sentence(SentenceKind.Custodial, 12, null));

        End(offender, new DateOnly(2026, 1, 1), RegistrationEndReason.IndefiniteRequirementsEndedOnReview).Refusal!.Errors.ShouldContainKey("reason");
        End(offender, new DateOnly(2026, 1, 1), RegistrationEndReason.ConvictionQuashedOnAppeal).Refusal.ShouldBeNull();
        End(offender, new DateOnly(2026, 1, 1), RegistrationEndReason.Death).Refusal.ShouldBeNull();
        End(offender, new DateOnly(2025, 5, 31), RegistrationEndReason.Death).Refusal!.Errors.ShouldContainKey("endedOn");
    }
}

public sealed class when_an_allocation_is_decided
{
    private static readonly Actor Supervisor = new("s1", "DS Supervisor");
    private static readonly Now At = new(new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero), new DateOnly(2026, 6, 15));

    [Fact]
    public void the_same_manager_and_team_is_refused_and_a_new_team_is_recorded_with_the_reason()
    {
        var offender = when_notifications_are_decided_and_folded.Registered();

        AllocateOffender.Decide(offender, new(new Officer("dc1", "DC One"), "NORTH", "no change"), Supervisor, At).Refusal!.Errors.ShouldContainKey("manager");
        var moved = when_notifications_are_decided_and_folded.Apply(offender,
            AllocateOffender.Decide(offender, new(new Officer("DC1", "DC One"), "South", "Moved south"), Supervisor, At));

        moved.Allocation.ShouldBe(new Allocation(new Officer("DC1", "DC One"), "South", new DateOnly(2026, 6, 15), "Moved south"));
    }
}

public sealed class when_notification_values_are_checked
{
    private static readonly Now At = new(new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero), new DateOnly(2026, 6, 15));
    private static readonly DateOnly Today = At.Today;
    private static readonly RegisterOffender.AddressBody Address = new("2 Sample Road", null, "Demotown", "zz2 2bb");

    private static RecordNotification.Request Empty(NotificationKind kind) => new(kind, Today, null, null, null, null, null, null, null);

    private static RecordNotification.Request Account(NotificationKind kind, string? lastFour, string? type = null, string? number = null) =>
        Empty(kind) with { AccountOrDocument = new(AccountOrDocumentChange.Added, "Demo Bank", lastFour, type, number, Today) };

    [Fact]
    public void a_body_for_another_kind_is_named_and_the_kind_needs_its_own_body()
    {
        var request = Empty(NotificationKind.NameChange) with { Stay = new(Address, Today, null) };

        var errors = RecordNotification.Validate(request, At).Validation.Errors;

        errors.ShouldContainKey("stay");
        errors.ShouldContainKey("nameChange");
    }

    [Fact]
    public void the_annual_notification_is_not_a_change()
    {
        RecordNotification.Validate(Empty(NotificationKind.AnnualNotification), At).Validation.Errors.ShouldContainKey("kind");
    }

    [Fact]
    public void only_the_last_four_digits_of_an_account_are_accepted_and_a_document_number_is_kept_masked()
    {
        RecordNotification.Validate(Account(NotificationKind.PaymentCard, "4111111111111111"), At).Validation.Errors.ShouldContainKey("accountOrDocument.lastFourDigits");
        RecordNotification.Validate(Account(NotificationKind.PaymentCard, "1234"), At).Validation.IsValid.ShouldBeTrue();
        RecordNotification.Validate(Account(NotificationKind.BankAccount, "1234", "Passport"), At).Validation.Errors.ShouldContainKey("accountOrDocument.documentType");

        var (command, validation) = RecordNotification.Validate(Account(NotificationKind.IdentityDocument, null, "Passport", "ab 1234 567"), At);

        validation.IsValid.ShouldBeTrue();
        ((RecordNotification.AccountOrDocumentDetail)command!.Change).MaskedNumber.ShouldBe("*****4567");
        RecordNotification.Validate(Account(NotificationKind.IdentityDocument, "1234", "Passport", "AB1234567"), At).Validation.Errors.ShouldContainKey("accountOrDocument.lastFourDigits");
    }

    [Fact]
    public void a_short_notice_reason_belongs_only_to_travel_notified_less_than_7_days_ahead()
    {
        RecordNotification.Request Travel(int daysAhead, string? reason) =>
            Empty(NotificationKind.ForeignTravel) with { ForeignTravel = new(Today.AddDays(daysAhead), Today.AddDays(daysAhead + 7), "France", reason) };

        RecordNotification.Validate(Travel(7, "Short notice"), At).Validation.Errors.ShouldContainKey("foreignTravel.shortNoticeReason");
        RecordNotification.Validate(Travel(6, "Short notice"), At).Validation.IsValid.ShouldBeTrue();
        RecordNotification.Validate(Travel(7, null), At).Validation.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void dates_in_a_stay_and_travel_must_be_in_order_and_not_absurdly_far_ahead()
    {
        var stay = Empty(NotificationKind.StayAtUnnotifiedAddress) with { Stay = new(Address, Today, Today.AddDays(-1)) };
        RecordNotification.Validate(stay, At).Validation.Errors.ShouldContainKey("stay.to");
        var travel = Empty(NotificationKind.ForeignTravel) with { ForeignTravel = new(Today.AddDays(10), Today.AddDays(9), "France", null) };
        RecordNotification.Validate(travel, At).Validation.Errors.ShouldContainKey("foreignTravel.returnOn");
        var far = Empty(NotificationKind.HouseholdWithChild) with { Household = new(Address, Today.AddDays(RecordNotification.MaxAdvanceNoticeDays + 1), true) };
        RecordNotification.Validate(far, At).Validation.Errors.ShouldContainKey("household.from");
        var advance = Empty(NotificationKind.HouseholdWithChild) with { Household = new(Address, Today.AddDays(RecordNotification.MaxAdvanceNoticeDays), true) };
        RecordNotification.Validate(advance, At).Validation.IsValid.ShouldBeTrue();
    }
}

public sealed class when_a_sentence_is_checked_at_registration
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static RegisterOffender.Request With(RegisterOffender.SentenceBody sentence, DateOnly? convicted = null) => new(
        new RegisterOffender.NameBody("Test", "Fictional"), [], new DateOnly(1980, 4, 1),
        new RegisterOffender.AddressBody("1 Example Street", null, "Demotown", "ZZ1 1AA"), "Offence", convicted ?? new DateOnly(2024, 5, 1),
        sentence, null, 1, new RegisterOffender.OfficerBody("DC1", "DC One"), "North", null);

    [Fact]
    public void a_conditional_discharge_needs_its_length_and_nothing_else_takes_one()
    {
        RegisterOffender.Validate(With(new(SentenceKind.ConditionalDischarge, null, null)), Today).Validation.Errors.ShouldContainKey("sentence.dischargeMonths");
        RegisterOffender.Validate(With(new(SentenceKind.ConditionalDischarge, null, null, 37)), Today).Validation.Errors.ShouldContainKey("sentence.dischargeMonths");
        RegisterOffender.Validate(With(new(SentenceKind.ConditionalDischarge, null, null, 36)), Today).Validation.IsValid.ShouldBeTrue();
        RegisterOffender.Validate(With(new(SentenceKind.Fine, null, null, 12)), Today).Validation.Errors.ShouldContainKey("sentence.dischargeMonths");
    }

    [Fact]
    public void a_suspended_term_is_at_most_two_years_and_life_takes_no_term()
    {
        RegisterOffender.Validate(With(new(SentenceKind.SuspendedCustodial, 25, null)), Today).Validation.Errors.ShouldContainKey("sentence.custodialMonths");
        RegisterOffender.Validate(With(new(SentenceKind.SuspendedCustodial, 24, null)), Today).Validation.IsValid.ShouldBeTrue();
        RegisterOffender.Validate(With(new(SentenceKind.LifeOrIndeterminate, 24, null)), Today).Validation.Errors.ShouldContainKey("sentence.custodialMonths");
        RegisterOffender.Validate(With(new(SentenceKind.HospitalOrderWithRestriction, null, null)), Today).Validation.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void a_period_that_ended_before_the_registration_date_is_refused()
    {
        // A caution on 1 May 2024: 2 years, to 30 April 2026 inclusive.
        RegisterOffender.Validate(With(new(SentenceKind.Caution, null, null)), Today).Validation.Errors.ShouldContainKey("convictionDate");
        RegisterOffender.Validate(With(new(SentenceKind.Caution, null, null)), new DateOnly(2026, 4, 30)).Validation.IsValid.ShouldBeTrue();
    }
}
