using Mosovo.Api.Offenders;
using Mosovo.Tests.Orders;

namespace Mosovo.Tests.Breaches;

// Pure rules for breaches: no host, no database.

public sealed class when_breaches_are_decided_on
{
    private static readonly BreachReporter Reporter = new(BreachReporterKind.Officer, "DC One", null);

    private static RecordBreach.Command Notification(DateOnly on) => new(BreachKind.NotificationRequirement, null, null, on, Reporter, "How", "Evidence");

    [Theory]
    [InlineData(BreachOutcome.NoFurtherAction, null, false)]
    [InlineData(BreachOutcome.NoFurtherAction, "  ", false)]
    [InlineData(BreachOutcome.NoFurtherAction, "First lapse, put right at once.", true)]
    [InlineData(BreachOutcome.WarningLetter, null, true)]
    [InlineData(BreachOutcome.Arrest, null, true)]
    public void only_no_further_action_needs_a_reason(BreachOutcome outcome, string? reason, bool valid)
    {
        var (_, validation) = DecideOnBreach.Validate(new DecideOnBreach.Request(Guid.NewGuid(), outcome, reason, Records.At.Moment), Records.At);

        validation.IsValid.ShouldBe(valid);
        if (!valid) validation.Errors.Keys.ShouldBe(["reason"]);
    }

    [Fact]
    public void the_flag_stays_while_any_breach_awaits_a_decision()
    {
        var offender = Records.Registered();
        offender.Breaches.Flags.ShouldBeEmpty();
        offender = offender.Then(RecordBreach.Decide(offender, Notification(new DateOnly(2026, 6, 1)), Records.Officer, Records.At));
        offender = offender.Then(RecordBreach.Decide(offender, Notification(new DateOnly(2026, 6, 2)), Records.Officer, Records.At));
        offender.Flags.ShouldContain("UndecidedBreach");

        var first = offender.Breaches.All[0].BreachId;
        offender = offender.Then(DecideOnBreach.Decide(offender, new DecideOnBreach.Command(first, BreachOutcome.WarningLetter, null, Records.At.Moment), Records.Supervisor, Records.At));
        offender.Breaches.Open.Count.ShouldBe(1);
        offender.Flags.ShouldContain("UndecidedBreach");

        var second = offender.Breaches.All[1].BreachId;
        offender = offender.Then(DecideOnBreach.Decide(offender, new DecideOnBreach.Command(second, BreachOutcome.Arrest, null, Records.At.Moment), Records.Supervisor, Records.At));
        offender.Flags.ShouldNotContain("UndecidedBreach");
        offender.Breaches.All[0].Decision!.DecidedBy.ShouldBe(Records.Supervisor);
    }

    [Fact]
    public void a_decision_dated_before_the_breach_is_refused()
    {
        var offender = Records.Registered();
        offender = offender.Then(RecordBreach.Decide(offender, Notification(new DateOnly(2026, 6, 14)), Records.Officer, Records.At));
        var breachId = offender.Breaches.All[0].BreachId;

        DecideOnBreach.Decide(offender, new DecideOnBreach.Command(breachId, BreachOutcome.Arrest, null, new DateTimeOffset(2026, 6, 13, 22, 59, 0, TimeSpan.Zero)),
            Records.Supervisor, Records.At).RefusedFields().ShouldBe(["decidedAt"]);
        // Midnight in London on 14 June (BST) is 23:00 UTC on the 13th.
        DecideOnBreach.Decide(offender, new DecideOnBreach.Command(breachId, BreachOutcome.Arrest, null, new DateTimeOffset(2026, 6, 13, 23, 0, 0, TimeSpan.Zero)),
            Records.Supervisor, Records.At).Refusal.ShouldBeNull();
    }
}

public sealed class when_an_order_breach_is_checked
{
    private static readonly DateOnly Granted = new(2026, 1, 10);
    private static readonly BreachReporter Reporter = new(BreachReporterKind.ThirdParty, "Neighbour", null);

    private static RecordBreach.Command Breach(Guid orderId, string prohibition, DateOnly on, BreachKind kind = BreachKind.SroProhibition) =>
        new(kind, orderId, prohibition, on, Reporter, "How", "Evidence");

    [Fact]
    public void the_prohibition_must_have_been_in_force_on_the_day_including_its_last_day()
    {
        var (offender, orderId) = Records.WithOrder(CivilOrderKind.Sro, Granted, new DateOnly(2028, 1, 9), Records.Prohibition("No contact"));

        RecordBreach.Decide(offender, Breach(orderId, "No contact", new DateOnly(2028, 1, 9)), Records.Officer, Records.At).Refusal.ShouldBeNull();
        RecordBreach.Decide(offender, Breach(orderId, "No contact", new DateOnly(2028, 1, 10)), Records.Officer, Records.At).RefusedFields().ShouldBe(["orderId"]);
        RecordBreach.Decide(offender, Breach(orderId, "No contact", Granted), Records.Officer, Records.At).Refusal.ShouldBeNull();
        RecordBreach.Decide(offender, Breach(orderId, "No contact", Granted.AddDays(-1)), Records.Officer, Records.At).RefusedFields().ShouldBe(["orderId"]);
    }

    [Fact]
    public void a_breach_is_judged_by_the_terms_of_its_day_not_todays()
    {
        var (offender, orderId) = Records.WithOrder(CivilOrderKind.Sro, Granted, null, Records.Prohibition("Old"));
        var variedOn = new DateOnly(2026, 3, 1);
        offender = offender.Then(new CivilOrderVaried(orderId, CivilOrderKind.Sro, "Court", variedOn, [Records.Prohibition("New")], null, false, null,
            Records.Officer, Records.At.Moment));

        RecordBreach.Decide(offender, Breach(orderId, "old", variedOn.AddDays(-1)), Records.Officer, Records.At).Refusal.ShouldBeNull();
        RecordBreach.Decide(offender, Breach(orderId, "Old", variedOn), Records.Officer, Records.At).RefusedFields().ShouldBe(["prohibition"]);
        RecordBreach.Decide(offender, Breach(orderId, "New", variedOn.AddDays(-1)), Records.Officer, Records.At).RefusedFields().ShouldBe(["prohibition"]);
    }

    [Fact]
    public void the_kind_of_breach_must_match_the_kind_of_order()
    {
        var (offender, orderId) = Records.WithOrder(CivilOrderKind.Sro, Granted, null, Records.Prohibition("No contact"));

        RecordBreach.Decide(offender, Breach(orderId, "No contact", Granted, BreachKind.ShpoProhibition), Records.Officer, Records.At)
            .RefusedFields().ShouldBe(["orderId"]);
    }

    [Fact]
    public void the_prohibition_is_recorded_as_the_order_words_it()
    {
        var (offender, orderId) = Records.WithOrder(CivilOrderKind.Sro, Granted, null, Records.Prohibition("Not to enter  any park."));

        var recorded = RecordBreach.Decide(offender, Breach(orderId, "not to enter any PARK.", Granted), Records.Officer, Records.At)
            .Events.OfType<BreachRecorded>().Single();

        recorded.Prohibition.ShouldBe("Not to enter  any park.");
    }

    [Fact]
    public void an_order_only_drafted_was_never_in_force()
    {
        var orderId = Guid.NewGuid();
        var offender = Records.Registered().Then(new CivilOrderDrafted(orderId, CivilOrderKind.Sro, "Grounds", ["No contact"], Records.Officer, Records.At.Moment));

        RecordBreach.Decide(offender, Breach(orderId, "No contact", Granted), Records.Officer, Records.At).RefusedFields().ShouldBe(["orderId"]);
    }
}
