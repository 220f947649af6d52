using Mosovo.Api.Compliance;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Tests.Compliance;

// Pure rules of the civil order review policy: no host, no database.

public sealed class when_concerns_arise_on_an_offender_without_an_order
{
    private static readonly DateTimeOffset Received = new(2026, 6, 15, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public void disclosed_child_contact_opens_an_item_to_consider_an_order_due_28_days_after_the_information()
    {
        var stream = new SafeguardingStream();

        stream.DiscloseChildContact(Received);

        var item = stream.Obligation("consider-civil-order:2");
        item.Kind.ShouldBe(ObligationKind.ConsiderCivilOrder);
        item.What.ShouldStartWith("Consider an SHPO or SRO application: new contact with a child disclosed and no order in force or applied for.");
        item.OpenedByType.ShouldBe(nameof(DisclosureReceived));
        item.AnchorAt.ShouldBe(Received);
        item.DueAt.ShouldBe(Received.AddDays(28));
        item.IsOverdueAt(Received.AddDays(28)).ShouldBeFalse();
        item.IsOverdueAt(Received.AddDays(28).AddTicks(1)).ShouldBeTrue();
    }

    [Fact]
    public void a_breach_opens_one_too_counted_from_its_recording()
    {
        var stream = new SafeguardingStream();
        var recorded = new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

        stream.Record(SafeguardingStream.Breach(BreachKind.NotificationRequirement, recorded));

        var item = stream.Obligation("consider-civil-order:2");
        item.What.ShouldContain("a breach of notification requirements recorded");
        item.DueAt.ShouldBe(recorded.AddDays(28));
    }

    [Fact]
    public void drafting_an_order_closes_every_item_open_then()
    {
        var stream = new SafeguardingStream();
        stream.DiscloseChildContact(Received);
        stream.Record(SafeguardingStream.Breach(BreachKind.RiskManagementPlan, Received.AddDays(1)));
        stream.OpenOfKind(ObligationKind.ConsiderCivilOrder).Count.ShouldBe(2);

        stream.Record(SafeguardingStream.Drafted(Guid.NewGuid(), CivilOrderKind.Sro));

        stream.OfKind(ObligationKind.ConsiderCivilOrder).ShouldAllBe(o => o.Closure != null && o.Closure.ByType == nameof(CivilOrderDrafted) && !o.Closure.Waived);
    }

    [Fact]
    public void an_order_in_force_or_an_application_under_way_opens_nothing()
    {
        var withOrder = new SafeguardingStream().WithOrder(Guid.NewGuid(), new DateOnly(2026, 6, 2), null);
        withOrder.DiscloseChildContact(Received);
        withOrder.Record(SafeguardingStream.Breach(BreachKind.RiskManagementPlan, Received));

        var drafted = new SafeguardingStream().Record(SafeguardingStream.Drafted(Guid.NewGuid()));
        drafted.DiscloseChildContact(Received);

        withOrder.OfKind(ObligationKind.ConsiderCivilOrder).ShouldBeEmpty();
        drafted.OfKind(ObligationKind.ConsiderCivilOrder).ShouldBeEmpty();
    }

    [Fact]
    public void an_order_past_its_last_day_or_discharged_does_not_count()
    {
        var orderId = Guid.NewGuid();
        var ended = new SafeguardingStream().WithOrder(Guid.NewGuid(), new DateOnly(2024, 6, 10), new DateOnly(2026, 6, 14), CivilOrderKind.Sro);
        var endsToday = new SafeguardingStream().WithOrder(Guid.NewGuid(), new DateOnly(2024, 6, 10), new DateOnly(2026, 6, 15), CivilOrderKind.Sro);
        var discharged = new SafeguardingStream().WithOrder(orderId, new DateOnly(2026, 6, 2), null)
            .Record(new CivilOrderDischarged(orderId, CivilOrderKind.Shpo, "Court", new DateOnly(2026, 6, 10), "No longer necessary.", true, SafeguardingStream.Manager, SafeguardingStream.Moment));

        foreach (var stream in new[] { ended, endsToday, discharged })
            stream.DiscloseChildContact(Received);

        ended.OpenOfKind(ObligationKind.ConsiderCivilOrder).Count.ShouldBe(1);
        endsToday.OpenOfKind(ObligationKind.ConsiderCivilOrder).ShouldBeEmpty();
        discharged.OpenOfKind(ObligationKind.ConsiderCivilOrder).Count.ShouldBe(1);
    }
}

public sealed class when_a_civil_order_nears_its_end
{
    private static readonly DateOnly Granted = new(2026, 6, 15);
    private static readonly DateOnly Ends = new(2031, 6, 14);

    [Fact]
    public void an_order_with_an_end_opens_its_review_due_90_calendar_days_before_its_last_day_starts()
    {
        var orderId = Guid.NewGuid();
        var stream = new SafeguardingStream().WithOrder(orderId, Granted, Ends);

        var item = stream.Obligation($"order-end-review:{orderId}");

        item.Kind.ShouldBe(ObligationKind.CivilOrderEndReview);
        item.What.ShouldStartWith("Review the SHPO before it ends on 14 Jun 2031");
        item.Basis.ShouldBe("Ends on 14 Jun 2031");
        item.AnchorAt.ShouldBe(Clock.StartOf(Ends)); // 23:00 UTC on 13 June (BST)
        // 90 days before 14 June is 16 March, before the clocks change: midnight UTC.
        item.DueAt.ShouldBe(new DateTimeOffset(2031, 3, 16, 0, 0, 0, TimeSpan.Zero));
        item.IsOverdueAt(item.DueAt).ShouldBeFalse();
        item.IsOverdueAt(item.DueAt.AddTicks(1)).ShouldBeTrue();
    }

    [Fact]
    public void a_duration_that_is_not_whole_days_counts_elapsed_time_before_the_last_day_starts()
    {
        CivilOrderReview.ReviewDueAt(Ends, TimeSpan.FromHours(36)).ShouldBe(Clock.StartOf(Ends) - TimeSpan.FromHours(36));
        CivilOrderReview.ReviewDueAt(Ends, TimeSpan.FromDays(1)).ShouldBe(Clock.StartOf(Ends.AddDays(-1)));
    }

    [Fact]
    public void an_order_until_further_order_has_no_end_review()
    {
        var stream = new SafeguardingStream().WithOrder(Guid.NewGuid(), Granted, null);

        stream.OfKind(ObligationKind.CivilOrderEndReview).ShouldBeEmpty();
    }

    [Fact]
    public void a_variation_of_the_end_closes_the_review_and_plans_one_for_the_new_end()
    {
        var orderId = Guid.NewGuid();
        var stream = new SafeguardingStream().WithOrder(orderId, Granted, Ends);
        var newEnd = new DateOnly(2033, 1, 31);

        stream.Record(new CivilOrderVaried(orderId, CivilOrderKind.Shpo, "Court", new DateOnly(2030, 1, 10), null, newEnd, false, "Renewed.", SafeguardingStream.Manager, SafeguardingStream.Moment));

        var closure = stream.Obligation($"order-end-review:{orderId}").Closure.ShouldNotBeNull();
        closure.ByType.ShouldBe(nameof(CivilOrderVaried));
        closure.Waived.ShouldBeFalse();
        var next = stream.Obligation($"order-end-review:{orderId}:5");
        next.IsOpen.ShouldBeTrue();
        next.DueAt.ShouldBe(Clock.StartOf(newEnd.AddDays(-90)));
    }

    [Fact]
    public void a_variation_of_the_prohibitions_only_leaves_the_review_as_it_is()
    {
        var orderId = Guid.NewGuid();
        var stream = new SafeguardingStream().WithOrder(orderId, Granted, Ends);

        stream.Record(new CivilOrderVaried(orderId, CivilOrderKind.Shpo, "Court", new DateOnly(2027, 1, 10), [new OrderProhibition("No contact", null, false)], null, false,
            "Narrowed.", SafeguardingStream.Manager, SafeguardingStream.Moment));

        stream.OfKind(ObligationKind.CivilOrderEndReview).ShouldHaveSingleItem().IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void a_variation_to_until_further_order_closes_it_and_plans_nothing()
    {
        var orderId = Guid.NewGuid();
        var stream = new SafeguardingStream().WithOrder(orderId, Granted, Ends);

        stream.Record(new CivilOrderVaried(orderId, CivilOrderKind.Shpo, "Court", new DateOnly(2030, 1, 10), null, null, true, "Made indefinite.", SafeguardingStream.Manager, SafeguardingStream.Moment));

        stream.OfKind(ObligationKind.CivilOrderEndReview).ShouldHaveSingleItem().IsOpen.ShouldBeFalse();
    }

    [Fact]
    public void a_discharge_or_a_replacing_order_closes_it()
    {
        var discharged = Guid.NewGuid();
        var first = new SafeguardingStream().WithOrder(discharged, Granted, Ends)
            .Record(new CivilOrderDischarged(discharged, CivilOrderKind.Shpo, "Court", new DateOnly(2028, 1, 1), "No longer necessary.", true, SafeguardingStream.Manager, SafeguardingStream.Moment));
        var replaced = Guid.NewGuid();
        var second = new SafeguardingStream().WithOrder(replaced, Granted, Ends).WithOrder(Guid.NewGuid(), new DateOnly(2027, 1, 1), null, CivilOrderKind.Shpo, replaced);

        first.Obligation($"order-end-review:{discharged}").Closure!.ByType.ShouldBe(nameof(CivilOrderDischarged));
        second.Obligation($"order-end-review:{replaced}").Closure!.ByType.ShouldBe(nameof(CivilOrderGranted));
        second.Compliance.Open.Where(o => o.Kind == ObligationKind.CivilOrderEndReview).ShouldBeEmpty();
    }
}
