using Mosovo.Api.Compliance;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Tests.Compliance;

// Pure rules of the notification deadlines policy: no host, no database.

public sealed class when_notification_deadlines_are_planned
{
    private static readonly Address NewHome = new("9 New Road", null, "Demotown", "ZZ9 9ZZ");

    private static Decision Notify(SafeguardingStream stream, DateOnly notifiedOn, RecordNotification.Change change, NotificationKind kind, DateTimeOffset? recordedAt = null) =>
        RecordNotification.Decide(stream.State, new RecordNotification.Command(kind, notifiedOn, change), SafeguardingStream.Manager,
            recordedAt is { } at ? new Now(at, Clock.DayOf(at)) : SafeguardingStream.At);

    [Fact]
    public void the_registration_plans_the_annual_notification_due_on_its_day_and_overdue_from_the_next()
    {
        var stream = new SafeguardingStream();

        var item = stream.Obligation("annual-notification:1");

        item.Kind.ShouldBe(ObligationKind.AnnualNotification);
        item.What.ShouldBe("Annual notification (s.85) due by 1 Jun 2027");
        item.Basis.ShouldBe("Last notification on 1 Jun 2026; within one year after it");
        item.AnchorAt.ShouldBe(Clock.StartOf(new DateOnly(2026, 6, 1)));
        // Due all of 1 June 2027 (BST): overdue from midnight in London, 23:00 UTC.
        item.DueAt.ShouldBe(new DateTimeOffset(2027, 6, 1, 23, 0, 0, TimeSpan.Zero));
        item.IsOverdueAt(new DateTimeOffset(2027, 6, 1, 22, 59, 59, TimeSpan.Zero)).ShouldBeFalse();
        item.IsOverdueAt(item.DueAt).ShouldBeFalse();
        item.IsOverdueAt(item.DueAt.AddTicks(1)).ShouldBeTrue();
    }

    [Fact]
    public void in_winter_the_next_uk_day_starts_at_midnight_utc()
    {
        NotificationDeadlinesPolicy.DueAt(new DateOnly(2027, 1, 14)).ShouldBe(new DateTimeOffset(2027, 1, 15, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void a_notification_that_restarts_the_clock_closes_the_item_and_plans_the_next()
    {
        var stream = new SafeguardingStream();

        stream.Record(Notify(stream, new DateOnly(2026, 7, 10), new RecordNotification.HomeAddressChange(NewHome, new DateOnly(2026, 7, 9)), NotificationKind.HomeAddressChange));

        var closure = stream.Obligation("annual-notification:1").Closure.ShouldNotBeNull();
        closure.ByVersion.ShouldBe(2);
        closure.ByType.ShouldBe(nameof(HomeAddressChangeNotified));
        closure.Waived.ShouldBeFalse();
        var next = stream.OpenOfKind(ObligationKind.AnnualNotification).ShouldHaveSingleItem();
        next.Key.ShouldBe("annual-notification:2");
        next.DueAt.ShouldBe(NotificationDeadlinesPolicy.DueAt(new DateOnly(2027, 7, 10)));
        next.Why.ShouldStartWith("Change of home address");
    }

    [Fact]
    public void the_annual_notification_made_on_its_due_day_is_on_time_and_plans_the_next_year()
    {
        var stream = new SafeguardingStream();
        var at = new DateTimeOffset(2027, 6, 1, 15, 0, 0, TimeSpan.Zero);
        var made = RecordAnnualNotification.Decide(stream.State, new RecordAnnualNotification.Command(new DateOnly(2027, 6, 1), "Demotown Police Station"),
            SafeguardingStream.Manager, new Now(at, new DateOnly(2027, 6, 1)));

        stream.Record(made);

        stream.Obligation("annual-notification:1").Closure!.ByType.ShouldBe(nameof(AnnualNotificationMade));
        stream.Obligation("annual-notification:2").DueAt.ShouldBe(NotificationDeadlinesPolicy.DueAt(new DateOnly(2028, 6, 1)));
        stream.OfKind(ObligationKind.SuspectedNotificationBreach).ShouldBeEmpty();
    }

    [Fact]
    public void foreign_travel_does_not_move_the_annual_notification()
    {
        var stream = new SafeguardingStream();

        stream.Record(Notify(stream, new DateOnly(2026, 6, 10), new RecordNotification.ForeignTravel(new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 8), "France", null),
            NotificationKind.ForeignTravel));

        stream.OfKind(ObligationKind.AnnualNotification).ShouldHaveSingleItem().IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void of_no_fixed_abode_the_notification_is_weekly()
    {
        var stream = new SafeguardingStream();

        stream.Record(Notify(stream, new DateOnly(2026, 6, 12), new RecordNotification.WeeklyReport("Under the railway arches, Demotown", new DateOnly(2026, 6, 11)),
            NotificationKind.NoFixedAbodeWeeklyReport));

        var weekly = stream.OpenOfKind(ObligationKind.AnnualNotification).ShouldHaveSingleItem();
        weekly.What.ShouldBe("Weekly notification (no fixed abode, s.85) due by 19 Jun 2026");
        weekly.DueAt.ShouldBe(Clock.StartOf(new DateOnly(2026, 6, 20)));
    }

    [Fact]
    public void the_end_of_the_registration_closes_the_item_without_a_waiver()
    {
        var stream = new SafeguardingStream();

        stream.Record(new RegistrationEnded(new DateOnly(2026, 6, 14), RegistrationEndReason.Death, null, SafeguardingStream.Manager, SafeguardingStream.Moment));

        var closure = stream.Obligation("annual-notification:1").Closure.ShouldNotBeNull();
        closure.ByType.ShouldBe(nameof(RegistrationEnded));
        closure.Waived.ShouldBeFalse();
        stream.Compliance.Open.Where(o => o.Kind == ObligationKind.AnnualNotification).ShouldBeEmpty();
    }

    [Fact]
    public void withdrawing_the_notification_that_moved_it_puts_the_earlier_due_day_back()
    {
        var stream = new SafeguardingStream();
        stream.Record(Notify(stream, new DateOnly(2026, 7, 10), new RecordNotification.HomeAddressChange(NewHome, new DateOnly(2026, 7, 9)), NotificationKind.HomeAddressChange));

        stream.Record(new RecordCorrected(Guid.NewGuid(), 2, "home-address-change-notified", true, "Wrong offender.", SafeguardingStream.Manager, SafeguardingStream.Moment));

        stream.OfKind(ObligationKind.AnnualNotification).ShouldHaveSingleItem().Key.ShouldBe("annual-notification:1");
    }
}

public sealed class when_a_notification_is_given_late
{
    private static readonly DateTimeOffset Recorded = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    private static Decision NameChange(SafeguardingStream stream, DateOnly changedOn, DateOnly notifiedOn) =>
        RecordNotification.Decide(stream.State, new RecordNotification.Command(NotificationKind.NameChange, notifiedOn,
            new RecordNotification.NameChange(new PersonName("Tom", "Newname"), changedOn)), SafeguardingStream.Manager, new Now(Recorded, Clock.DayOf(Recorded)));

    [Fact]
    public void a_change_notified_on_the_third_day_opens_nothing()
    {
        var stream = new SafeguardingStream();

        stream.Record(NameChange(stream, new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 12)));

        stream.OfKind(ObligationKind.SuspectedNotificationBreach).ShouldBeEmpty();
    }

    [Fact]
    public void a_change_notified_after_its_three_days_opens_a_suspected_breach_to_consider_within_7_days()
    {
        var stream = new SafeguardingStream();

        stream.Record(NameChange(stream, new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 13)));

        var item = stream.Obligation("suspected-notification-breach:2");
        item.Kind.ShouldBe(ObligationKind.SuspectedNotificationBreach);
        item.What.ShouldStartWith("Consider recording a breach of notification requirements: a change of name notified 1 day late (due by 12 Jun 2026, notified 13 Jun 2026).");
        item.OpenedByType.ShouldBe(nameof(NameChangeNotified));
        item.AnchorAt.ShouldBe(Recorded);
        item.DueAt.ShouldBe(Recorded.AddDays(7));
        item.IsOverdueAt(Recorded.AddDays(7)).ShouldBeFalse();
        item.IsOverdueAt(Recorded.AddDays(7).AddTicks(1)).ShouldBeTrue();
    }

    [Fact]
    public void a_late_annual_notification_is_a_suspected_breach_too()
    {
        var stream = new SafeguardingStream();
        var at = new DateTimeOffset(2027, 6, 3, 9, 0, 0, TimeSpan.Zero);

        stream.Record(RecordAnnualNotification.Decide(stream.State, new RecordAnnualNotification.Command(new DateOnly(2027, 6, 3), "Demotown Police Station"),
            SafeguardingStream.Manager, new Now(at, new DateOnly(2027, 6, 3))));

        stream.Obligation("suspected-notification-breach:2").What.ShouldContain("the annual notification notified 2 days late");
    }

    [Fact]
    public void a_breach_of_notification_requirements_recorded_after_it_closes_it_and_another_kind_of_breach_does_not()
    {
        var stream = new SafeguardingStream();
        stream.Record(NameChange(stream, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 8)));

        stream.Record(SafeguardingStream.Breach(BreachKind.RiskManagementPlan, Recorded.AddHours(1)));
        stream.Obligation("suspected-notification-breach:2").IsOpen.ShouldBeTrue();

        stream.Record(SafeguardingStream.Breach(BreachKind.NotificationRequirement, Recorded.AddHours(2), new DateOnly(2026, 6, 4)));
        var closure = stream.Obligation("suspected-notification-breach:2").Closure.ShouldNotBeNull();
        closure.ByVersion.ShouldBe(4);
        closure.ByType.ShouldBe(nameof(BreachRecorded));
        closure.Waived.ShouldBeFalse();
    }

    [Fact]
    public void a_supervisor_may_waive_it_with_the_reason()
    {
        var stream = new SafeguardingStream();
        stream.Record(NameChange(stream, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 8)));

        stream.Record(WaiveObligation.Decide(stream.State, new WaiveObligation.Command("suspected-notification-breach:2", "In hospital 2 to 6 June: those days do not count."),
            SafeguardingStream.Supervisor, SafeguardingStream.At));

        stream.Obligation("suspected-notification-breach:2").Closure!.Waived.ShouldBeTrue();
    }
}
