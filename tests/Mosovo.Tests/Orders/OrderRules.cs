using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Tests.Orders;

// Pure rules for SHPOs and SROs: no host, no database.

/// <summary>Offenders built from events in memory, for pure tests of the areas' rules.</summary>
public static class Records
{
    public static readonly Actor Officer = new("u1", "DC One");
    public static readonly Actor Supervisor = new("u2", "DS Two");
    public static readonly DateOnly Today = new(2026, 6, 15);
    public static readonly Now At = new(new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero), Today);

    public static Offender Registered() => Offender.Evolve(null, new OffenderRegistered(Guid.NewGuid(), "MOS-000001",
        new PersonName("Test", "Fictional"), [], new DateOnly(1980, 1, 1), new Address("1 Example Street", null, "Demotown", "ZZ1 1AA"),
        "Offence", new DateOnly(2020, 1, 1), new Sentence(SentenceKind.Caution, null, null), null, 1, new Mosovo.Api.Offenders.Officer("DC1", "DC One"),
        "North", new DateOnly(2020, 2, 1), Officer, At.Moment));

    public static Offender Then(this Offender offender, params object[] events) =>
        events.Aggregate(offender, (state, e) => Offender.Evolve(state, e));

    /// <summary>Applies what a decision recorded, failing the test when it refused.</summary>
    public static Offender Then(this Offender offender, Decision decision)
    {
        decision.Refusal.ShouldBeNull(decision.Refusal is null ? null : string.Join("; ", decision.Refusal.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return offender.Then([.. decision.Events]);
    }

    public static IReadOnlyCollection<string> RefusedFields(this Decision decision)
    {
        decision.Refusal.ShouldNotBeNull("the decision should have refused");
        return decision.Refusal.Errors.Keys.ToList();
    }

    public static OrderProhibition Prohibition(string text, DateOnly? endsOn = null, bool foreignTravel = false) => new(text, endsOn, foreignTravel);

    /// <summary>An offender with an order granted on <paramref name="grantedOn"/>, starting then.</summary>
    public static (Offender Offender, Guid OrderId) WithOrder(CivilOrderKind kind, DateOnly grantedOn, DateOnly? endsOn, params OrderProhibition[] prohibitions)
    {
        var orderId = Guid.NewGuid();
        var offender = Registered().Then(
            new CivilOrderDrafted(orderId, kind, "Grounds", ["Proposed"], Officer, At.Moment),
            new CivilOrderAppliedFor(orderId, kind, "Demotown Magistrates' Court", grantedOn.AddDays(-7), Officer, At.Moment),
            new CivilOrderGranted(orderId, kind, "Demotown Magistrates' Court", grantedOn, grantedOn, endsOn,
                prohibitions.Length > 0 ? prohibitions : [Prohibition("No contact with children")], [], Officer, At.Moment));
        return (offender, orderId);
    }
}

public sealed class when_civil_order_periods_are_counted
{
    [Fact]
    public void the_minimums_are_five_years_for_an_shpo_and_two_for_an_sro()
    {
        CivilOrderRules.MinimumYears(CivilOrderKind.Shpo).ShouldBe(5);
        CivilOrderRules.MinimumYears(CivilOrderKind.Sro).ShouldBe(2);
    }

    [Fact]
    public void a_period_of_years_beginning_with_a_day_ends_the_day_before_its_anniversary()
    {
        CivilOrderRules.EarliestEnd(CivilOrderKind.Shpo, new DateOnly(2026, 6, 15)).ShouldBe(new DateOnly(2031, 6, 14));
        CivilOrderRules.EarliestEnd(CivilOrderKind.Sro, new DateOnly(2026, 6, 15)).ShouldBe(new DateOnly(2028, 6, 14));
        CivilOrderRules.LatestForeignTravelEnd(new DateOnly(2026, 6, 15)).ShouldBe(new DateOnly(2031, 6, 14));
        CivilOrderRules.EarliestEnd(CivilOrderKind.Shpo, new DateOnly(2026, 1, 1)).ShouldBe(new DateOnly(2030, 12, 31));
    }

    [Fact]
    public void a_period_beginning_on_29_february_is_never_a_day_short()
    {
        CivilOrderRules.Anniversary(new DateOnly(2028, 2, 29), 5).ShouldBe(new DateOnly(2033, 3, 1));
        CivilOrderRules.Anniversary(new DateOnly(2028, 2, 29), 4).ShouldBe(new DateOnly(2032, 2, 29));
        CivilOrderRules.EarliestEnd(CivilOrderKind.Shpo, new DateOnly(2028, 2, 29)).ShouldBe(new DateOnly(2033, 2, 28));
        CivilOrderRules.EarliestEnd(CivilOrderKind.Sro, new DateOnly(2028, 2, 29)).ShouldBe(new DateOnly(2030, 2, 28));
    }

    [Fact]
    public void an_order_ends_soon_from_90_days_before_its_last_day()
    {
        var today = new DateOnly(2026, 6, 15);
        CivilOrderRules.EndsSoon(today.AddDays(90), today).ShouldBeTrue();
        CivilOrderRules.EndsSoon(today.AddDays(91), today).ShouldBeFalse();
        CivilOrderRules.EndsSoon(today, today).ShouldBeTrue();
    }
}

public sealed class when_civil_order_terms_are_checked
{
    private static readonly DateOnly Start = new(2026, 6, 15);

    [Theory]
    [InlineData(CivilOrderKind.Shpo, "2031-06-14", true)]
    [InlineData(CivilOrderKind.Shpo, "2031-06-13", false)]
    [InlineData(CivilOrderKind.Sro, "2028-06-14", true)]
    [InlineData(CivilOrderKind.Sro, "2028-06-13", false)]
    public void the_order_must_last_its_minimum_to_the_day(CivilOrderKind kind, string endsOn, bool accepted)
    {
        var v = CivilOrderRules.CheckTerms(kind, Start, Start, DateOnly.Parse(endsOn, System.Globalization.CultureInfo.InvariantCulture), [Records.Prohibition("No contact")]);

        v.IsValid.ShouldBe(accepted);
        if (!accepted) v.Errors.Keys.ShouldBe(["endsOn"]);
    }

    [Fact]
    public void an_order_until_further_order_has_no_end_to_check()
    {
        CivilOrderRules.CheckTerms(CivilOrderKind.Shpo, Start, Start, null, [Records.Prohibition("No contact")]).IsValid.ShouldBeTrue();
        CivilOrderRules.CheckTerms(CivilOrderKind.Sro, Start, Start, null, [Records.Prohibition("No contact")]).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void each_prohibition_with_its_own_end_must_last_the_minimum_too()
    {
        var atMinimum = CivilOrderRules.CheckTerms(CivilOrderKind.Shpo, Start, Start, null,
            [Records.Prohibition("A"), Records.Prohibition("B", new DateOnly(2031, 6, 14))]);
        var short1 = CivilOrderRules.CheckTerms(CivilOrderKind.Shpo, Start, Start, null,
            [Records.Prohibition("A"), Records.Prohibition("B", new DateOnly(2031, 6, 13))]);

        atMinimum.IsValid.ShouldBeTrue();
        short1.Errors.Keys.ShouldBe(["prohibitions[1].endsOn"]);
    }

    [Fact]
    public void a_foreign_travel_prohibition_lasts_at_most_five_years_and_may_be_shorter()
    {
        CivilOrderRules.CheckTerms(CivilOrderKind.Shpo, Start, Start, null, [Records.Prohibition("No travel", new DateOnly(2031, 6, 14), foreignTravel: true)])
            .IsValid.ShouldBeTrue();
        CivilOrderRules.CheckTerms(CivilOrderKind.Shpo, Start, Start, null, [Records.Prohibition("No travel", new DateOnly(2027, 1, 1), foreignTravel: true)])
            .IsValid.ShouldBeTrue();
        CivilOrderRules.CheckTerms(CivilOrderKind.Sro, Start, Start, null, [Records.Prohibition("No travel", new DateOnly(2031, 6, 15), foreignTravel: true)])
            .Errors.Keys.ShouldBe(["prohibitions[0].endsOn"]);
    }

    [Fact]
    public void a_prohibition_cannot_outlast_the_order_or_end_before_its_terms_begin()
    {
        CivilOrderRules.CheckTerms(CivilOrderKind.Sro, Start, Start, new DateOnly(2029, 1, 1), [Records.Prohibition("A", new DateOnly(2029, 1, 2))])
            .Errors.Keys.ShouldBe(["prohibitions[0].endsOn"]);
        CivilOrderRules.CheckTerms(CivilOrderKind.Sro, Start, new DateOnly(2027, 1, 1), null, [Records.Prohibition("Travel", new DateOnly(2026, 12, 31), foreignTravel: true)])
            .Errors.Keys.ShouldBe(["prohibitions[0].endsOn"]);
    }

    [Fact]
    public void a_variation_counts_the_minimum_from_the_original_start()
    {
        var variedOn = new DateOnly(2028, 1, 1);
        CivilOrderRules.CheckTerms(CivilOrderKind.Shpo, Start, variedOn, new DateOnly(2031, 6, 14), null).IsValid.ShouldBeTrue();
        CivilOrderRules.CheckTerms(CivilOrderKind.Shpo, Start, variedOn, new DateOnly(2031, 6, 13), null).Errors.Keys.ShouldBe(["endsOn"]);
    }
}

public sealed class when_a_discharge_needs_consent
{
    private static readonly DateOnly Made = new(2026, 6, 15);

    [Theory]
    [InlineData(CivilOrderKind.Shpo, "2031-06-14", true)]
    [InlineData(CivilOrderKind.Shpo, "2031-06-15", false)]
    [InlineData(CivilOrderKind.Sro, "2028-06-14", true)]
    [InlineData(CivilOrderKind.Sro, "2028-06-15", false)]
    [InlineData(CivilOrderKind.Shpo, "2026-06-15", true)]
    public void consent_is_needed_before_the_end_of_the_years_beginning_with_the_day_the_order_was_made(CivilOrderKind kind, string dischargedOn, bool needed)
    {
        CivilOrderRules.DischargeNeedsConsent(kind, Made, DateOnly.Parse(dischargedOn, System.Globalization.CultureInfo.InvariantCulture), onlyForeignTravel: false)
            .ShouldBe(needed);
    }

    [Fact]
    public void an_shpo_with_only_a_foreign_travel_prohibition_needs_no_consent()
    {
        CivilOrderRules.DischargeNeedsConsent(CivilOrderKind.Shpo, Made, Made.AddDays(1), onlyForeignTravel: true).ShouldBeFalse();
    }

    [Fact]
    public void the_years_count_from_the_day_the_order_was_made_not_its_later_start()
    {
        var orderId = Guid.NewGuid();
        var offender = Records.Registered().Then(
            new CivilOrderDrafted(orderId, CivilOrderKind.Shpo, "Grounds", ["P"], Records.Officer, Records.At.Moment),
            new CivilOrderAppliedFor(orderId, CivilOrderKind.Shpo, "Court", new DateOnly(2019, 1, 1), Records.Officer, Records.At.Moment),
            new CivilOrderGranted(orderId, CivilOrderKind.Shpo, "Court", new DateOnly(2020, 1, 10), new DateOnly(2021, 6, 1), null,
                [Records.Prohibition("No contact")], [], Records.Officer, Records.At.Moment));

        var onTheFifthAnniversary = RecordCivilOrderDischarge.Decide(offender,
            new RecordCivilOrderDischarge.Command(orderId, "Court", new DateOnly(2025, 1, 10), "No longer necessary", null), Records.Officer, Records.At);
        var dayBefore = RecordCivilOrderDischarge.Decide(offender,
            new RecordCivilOrderDischarge.Command(orderId, "Court", new DateOnly(2025, 1, 9), "No longer necessary", null), Records.Officer, Records.At);

        onTheFifthAnniversary.Refusal.ShouldBeNull();
        dayBefore.RefusedFields().ShouldBe(["consentGiven"]);
    }
}

public sealed class when_an_orders_events_are_folded
{
    private static readonly DateOnly Granted = new(2026, 1, 10);

    [Fact]
    public void an_order_is_in_force_from_its_start_to_its_last_day()
    {
        var (offender, orderId) = Records.WithOrder(CivilOrderKind.Sro, Granted, new DateOnly(2028, 1, 9));
        var order = offender.Orders.Find(orderId)!;

        order.InForceOn(Granted.AddDays(-1)).ShouldBeFalse();
        order.InForceOn(Granted).ShouldBeTrue();
        order.InForceOn(new DateOnly(2028, 1, 9)).ShouldBeTrue();
        order.InForceOn(new DateOnly(2028, 1, 10)).ShouldBeFalse();
    }

    [Fact]
    public void a_breach_before_a_variation_is_judged_by_the_prohibitions_then_in_force()
    {
        var (offender, orderId) = Records.WithOrder(CivilOrderKind.Shpo, Granted, null, Records.Prohibition("Old"));
        var variedOn = new DateOnly(2026, 3, 1);
        offender = offender.Then(new CivilOrderVaried(orderId, CivilOrderKind.Shpo, "Court", variedOn, [Records.Prohibition("New")], null, false, null,
            Records.Officer, Records.At.Moment));
        var order = offender.Orders.Find(orderId)!;

        order.ProhibitionsOn(variedOn.AddDays(-1)).Select(p => p.Text).ShouldBe(["Old"]);
        order.ProhibitionsOn(variedOn).Select(p => p.Text).ShouldBe(["New"]);
        offender.Orders.Active.Single().Prohibitions.Select(p => p.Text).ShouldBe(["New"]);
    }

    [Fact]
    public void a_prohibition_with_its_own_end_stops_on_its_last_day()
    {
        var (offender, orderId) = Records.WithOrder(CivilOrderKind.Shpo, Granted, null,
            Records.Prohibition("Contact"), Records.Prohibition("Travel", new DateOnly(2027, 1, 9), foreignTravel: true));
        var order = offender.Orders.Find(orderId)!;

        order.ProhibitionsOn(new DateOnly(2027, 1, 9)).Count.ShouldBe(2);
        order.ProhibitionsOn(new DateOnly(2027, 1, 10)).Select(p => p.Text).ShouldBe(["Contact"]);
    }

    [Fact]
    public void a_discharge_ends_the_order_on_its_day()
    {
        var (offender, orderId) = Records.WithOrder(CivilOrderKind.Shpo, Granted, null);
        var dischargedOn = new DateOnly(2026, 5, 1);
        offender = offender.Then(new CivilOrderDischarged(orderId, CivilOrderKind.Shpo, "Court", dischargedOn, "Not necessary", true, Records.Officer, Records.At.Moment));
        var order = offender.Orders.Find(orderId)!;

        order.InForceOn(dischargedOn.AddDays(-1)).ShouldBeTrue();
        order.InForceOn(dischargedOn).ShouldBeFalse();
        offender.Orders.Active.ShouldBeEmpty();
    }

    [Fact]
    public void an_order_ending_within_90_days_is_flagged_for_the_day_asked()
    {
        var (offender, _) = Records.WithOrder(CivilOrderKind.Sro, Granted, new DateOnly(2028, 1, 9));

        offender.Orders.FlagsOn(new DateOnly(2028, 1, 9).AddDays(-91)).ShouldBeEmpty();
        offender.Orders.FlagsOn(new DateOnly(2028, 1, 9).AddDays(-90)).ShouldBe(["OrderEndingSoon"]);
        offender.Orders.FlagsOn(new DateOnly(2028, 1, 10)).ShouldBeEmpty();
        offender.Orders.Flags.ShouldBeEmpty();
    }

    [Fact]
    public void an_order_until_further_order_never_ends_soon()
    {
        var (offender, _) = Records.WithOrder(CivilOrderKind.Shpo, Granted, null);

        offender.Orders.FlagsOn(new DateOnly(2099, 1, 1)).ShouldBeEmpty();
        offender.Orders.ActiveOn(new DateOnly(2099, 1, 1)).Count.ShouldBe(1);
    }

    [Fact]
    public void the_summary_state_survives_a_json_round_trip()
    {
        var (offender, orderId) = Records.WithOrder(CivilOrderKind.Shpo, Granted, null, Records.Prohibition("Old"));
        offender = offender.Then(new CivilOrderVaried(orderId, CivilOrderKind.Shpo, "Court", new DateOnly(2026, 3, 1), [Records.Prohibition("New")], null, false, null,
            Records.Officer, Records.At.Moment));
        var types = Mosovo.Api.Offenders.OffenderEvents.Register(new Mosovo.Api.Offenders.EventTypeRegistry());

        var json = System.Text.Json.JsonSerializer.Serialize(offender, types.SerializerOptions);
        var back = System.Text.Json.JsonSerializer.Deserialize<Offender>(json, types.SerializerOptions)!;

        System.Text.Json.JsonSerializer.Serialize(back, types.SerializerOptions).ShouldBe(json);
        back.Orders.Find(orderId)!.ProhibitionsOn(new DateOnly(2026, 2, 1)).Single().Text.ShouldBe("Old");
    }
}

public sealed class when_an_order_step_is_decided
{
    private static readonly DateOnly Granted = new(2026, 1, 10);

    [Fact]
    public void a_variation_may_not_cut_a_kept_prohibition_short()
    {
        var (offender, orderId) = Records.WithOrder(CivilOrderKind.Sro, Granted, new DateOnly(2030, 1, 9),
            Records.Prohibition("Contact", new DateOnly(2029, 1, 9)));

        var decision = RecordCivilOrderVariation.Decide(offender,
            new RecordCivilOrderVariation.Command(orderId, "Court", new DateOnly(2026, 6, 1), null, new DateOnly(2028, 6, 1), false, null), Records.Officer, Records.At);

        decision.RefusedFields().ShouldBe(["endsOn"]);
    }

    [Fact]
    public void a_variation_to_until_further_order_keeps_the_prohibitions()
    {
        var (offender, orderId) = Records.WithOrder(CivilOrderKind.Sro, Granted, new DateOnly(2028, 1, 9), Records.Prohibition("Contact"));

        offender = offender.Then(RecordCivilOrderVariation.Decide(offender,
            new RecordCivilOrderVariation.Command(orderId, "Court", new DateOnly(2026, 6, 1), null, null, true, null), Records.Officer, Records.At));

        var order = offender.Orders.Find(orderId)!;
        order.Terms!.UntilFurtherOrder.ShouldBeTrue();
        order.Terms.Prohibitions.Single().Text.ShouldBe("Contact");
        order.Variations.Single().EndChanged.ShouldBeTrue();
    }

    [Fact]
    public void an_order_that_has_ended_cannot_be_varied_or_discharged()
    {
        var (offender, orderId) = Records.WithOrder(CivilOrderKind.Sro, new DateOnly(2023, 1, 10), new DateOnly(2025, 1, 9));

        RecordCivilOrderVariation.Decide(offender, new RecordCivilOrderVariation.Command(orderId, "Court", new DateOnly(2025, 1, 10), null, null, true, null),
            Records.Officer, Records.At).RefusedFields().ShouldBe(["orderId"]);
        RecordCivilOrderDischarge.Decide(offender, new RecordCivilOrderDischarge.Command(orderId, "Court", new DateOnly(2025, 1, 10), "Ended", null),
            Records.Officer, Records.At).RefusedFields().ShouldBe(["dischargedOn"]);
        RecordCivilOrderVariation.Decide(offender, new RecordCivilOrderVariation.Command(orderId, "Court", new DateOnly(2025, 1, 9), null, new DateOnly(2026, 1, 9), false, null),
            Records.Officer, Records.At).Refusal.ShouldBeNull();
    }

    [Fact]
    public void dates_cannot_go_back_before_the_step_they_follow()
    {
        var (offender, orderId) = Records.WithOrder(CivilOrderKind.Shpo, Granted, null);

        RecordCivilOrderVariation.Decide(offender, new RecordCivilOrderVariation.Command(orderId, "Court", Granted.AddDays(-1), null, null, true, null),
            Records.Officer, Records.At).RefusedFields().ShouldBe(["variedOn"]);
        RecordCivilOrderDischarge.Decide(offender, new RecordCivilOrderDischarge.Command(orderId, "Court", Granted.AddDays(-1), "r", true),
            Records.Officer, Records.At).RefusedFields().ShouldBe(["dischargedOn"]);

        var draftId = Guid.NewGuid();
        var applied = Records.Registered().Then(
            new CivilOrderDrafted(draftId, CivilOrderKind.Sro, "Grounds", ["P"], Records.Officer, Records.At.Moment),
            new CivilOrderAppliedFor(draftId, CivilOrderKind.Sro, "Court", Granted, Records.Officer, Records.At.Moment));
        RecordCivilOrderGrant.Decide(applied, new RecordCivilOrderGrant.Command(draftId, "Court", Granted.AddDays(-1), Granted.AddDays(-1), null, [Records.Prohibition("P")]),
            Records.Officer, Records.At).RefusedFields().ShouldBe(["grantedOn"]);
        RecordCivilOrderRefusal.Decide(applied, new RecordCivilOrderRefusal.Command(draftId, Granted.AddDays(-1), "No"),
            Records.Officer, Records.At).RefusedFields().ShouldBe(["refusedOn"]);
    }

    [Fact]
    public void an_sro_does_not_replace_an_shpo()
    {
        var (offender, shpo) = Records.WithOrder(CivilOrderKind.Shpo, Granted, null);
        var sro = Guid.NewGuid();
        offender = offender.Then(
            new CivilOrderDrafted(sro, CivilOrderKind.Sro, "Grounds", ["P"], Records.Officer, Records.At.Moment),
            new CivilOrderAppliedFor(sro, CivilOrderKind.Sro, "Court", Granted, Records.Officer, Records.At.Moment));

        offender = offender.Then(RecordCivilOrderGrant.Decide(offender,
            new RecordCivilOrderGrant.Command(sro, "Court", Granted, Granted, null, [Records.Prohibition("P")]), Records.Officer, Records.At));

        offender.Orders.Active.Select(o => o.OrderId).ShouldBe([shpo, sro]);
    }
}
