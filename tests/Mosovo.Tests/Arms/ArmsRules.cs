using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Tests.Arms;

// Pure rules: no host, no database.

internal static class ArmsFixtures
{
    public static readonly DateTimeOffset Moment = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    public static readonly Now Now = new(Moment, new DateOnly(2026, 6, 15));
    public static readonly Actor Manager = new("manager-id", "DC Manager");
    public static readonly Actor Supervisor = new("supervisor-id", "DS Supervisor");

    public static OffenderRegistered Registration() => new(Guid.NewGuid(), "MOS-000001", new PersonName("Test", "Fictional"), [],
        new DateOnly(1980, 1, 1), new Address("1 Example Street", null, "Demotown", "ZZ1 1AA"), "Offence", new DateOnly(2020, 1, 1),
        new Sentence(SentenceKind.Caution, null, null), null, 1, new Officer("DC1", "DC One"), "North", new DateOnly(2020, 2, 1), Manager, Moment);

    public static ArmsAssessmentRecorded Assessment(DateOnly on, RiskLevel harm, RiskLevel reconviction = RiskLevel.Medium, Actor? by = null,
        ArmsPromptKind kind = ArmsPromptKind.PeriodicReview) =>
        new(Guid.NewGuid(), on, new Officer("DC1", "DC One"), harm, reconviction, ["Isolated " + harm], [], [new RiskManagementAction("Visit", "DC One", null)],
            new ArmsPrompt(kind, null, null), by ?? Manager, Moment);

    private static readonly EventTypeRegistry Types = OffenderEvents.Register(new EventTypeRegistry());

    /// <summary>A registration (version 1) followed by the events, folded as the stream would be.</summary>
    public static Offender Fold(params IOffenderEvent[] events)
    {
        var all = new List<IOffenderEvent> { Registration() };
        all.AddRange(events);
        return Offender.Fold(all.Select((e, i) => new RecordedEvent(i + 1, Guid.Empty, i + 1, Types.NameOf(e.GetType()), e,
            new EventMetadata(e.RecordedBy.UserId, e.RecordedBy.Name, e.RecordedAt, Guid.NewGuid()))).ToList())!;
    }

    public static RecordArmsAssessment.Request Valid() => new(
        new DateOnly(2026, 6, 10), new RecordArmsAssessment.OfficerBody("DC1", "DC One"), RiskLevel.High, RiskLevel.Low,
        ["Isolated"], null, [new RecordArmsAssessment.ActionBody("Visit", "DC One", null)],
        new RecordArmsAssessment.PromptBody(ArmsPromptKind.PeriodicReview, null, null));
}

public sealed class when_the_latest_arms_assessment_is_worked_out
{
    [Fact]
    public void the_latest_by_assessment_date_sets_the_levels_and_the_plan_whatever_order_they_were_recorded_in()
    {
        var june = ArmsFixtures.Assessment(new DateOnly(2026, 6, 1), RiskLevel.High, RiskLevel.VeryHigh);
        var january = ArmsFixtures.Assessment(new DateOnly(2026, 1, 1), RiskLevel.Low, RiskLevel.Low);

        var risk = ArmsFixtures.Fold(june, january).Risk;

        risk.Latest!.AssessmentId.ShouldBe(june.AssessmentId);
        risk.RiskOfSeriousHarm.ShouldBe(RiskLevel.High);
        risk.RiskOfReconviction.ShouldBe(RiskLevel.VeryHigh);
        risk.CurrentPlan!.FromAssessmentId.ShouldBe(june.AssessmentId);
        risk.CurrentPlan.RiskFactors.ShouldBe(["Isolated High"]);
        risk.Assessments.Select(a => a.AssessmentId).ShouldBe([june.AssessmentId, january.AssessmentId]);
    }

    [Fact]
    public void of_two_assessments_on_the_same_day_the_one_recorded_later_wins()
    {
        var day = new DateOnly(2026, 6, 1);
        var first = ArmsFixtures.Assessment(day, RiskLevel.Medium);
        var revised = ArmsFixtures.Assessment(day, RiskLevel.VeryHigh);

        var risk = ArmsFixtures.Fold(first, revised).Risk;

        risk.Latest!.AssessmentId.ShouldBe(revised.AssessmentId);
        risk.RiskOfSeriousHarm.ShouldBe(RiskLevel.VeryHigh);
        risk.CurrentPlan!.FromAssessmentId.ShouldBe(revised.AssessmentId);
    }

    [Fact]
    public void with_no_assessment_there_are_no_levels()
    {
        var risk = ArmsFixtures.Fold().Risk;

        risk.Latest.ShouldBeNull();
        risk.RiskOfSeriousHarm.ShouldBeNull();
        risk.RiskOfReconviction.ShouldBeNull();
        risk.CurrentPlan.ShouldBeNull();
    }

    [Fact]
    public void a_withdrawn_assessment_no_longer_sets_the_levels()
    {
        var older = ArmsFixtures.Assessment(new DateOnly(2026, 1, 1), RiskLevel.Low);
        var wrong = ArmsFixtures.Assessment(new DateOnly(2026, 6, 1), RiskLevel.VeryHigh);
        var withdrawal = new RecordCorrected(Guid.NewGuid(), 3, "arms-assessment-recorded", true, "Wrong offender.", ArmsFixtures.Supervisor, ArmsFixtures.Moment);

        var risk = ArmsFixtures.Fold(older, wrong, withdrawal).Risk;

        risk.RiskOfSeriousHarm.ShouldBe(RiskLevel.Low);
        risk.CurrentPlan!.FromAssessmentId.ShouldBe(older.AssessmentId);
    }

    [Fact]
    public void endorsement_and_return_move_an_assessment_out_of_awaiting_endorsement()
    {
        var a = ArmsFixtures.Assessment(new DateOnly(2026, 1, 1), RiskLevel.Low);
        var b = ArmsFixtures.Assessment(new DateOnly(2026, 2, 1), RiskLevel.Low);
        var c = ArmsFixtures.Assessment(new DateOnly(2026, 3, 1), RiskLevel.Low);
        var endorsed = new ArmsAssessmentEndorsed(a.AssessmentId, a.AssessedOn, null, ArmsFixtures.Supervisor, ArmsFixtures.Moment);
        var returned = new ArmsAssessmentReturnedForRevision(c.AssessmentId, c.AssessedOn, "Add the plan.", ArmsFixtures.Supervisor, ArmsFixtures.Moment);

        var risk = ArmsFixtures.Fold(a, b, c, endorsed, returned).Risk;

        risk.AwaitingEndorsement.ShouldBe([b.AssessmentId]);
        risk.AwaitingRevision.ShouldBe([c.AssessmentId]);
        risk.Find(a.AssessmentId)!.Endorsement.ShouldBe(ArmsEndorsementStatus.Endorsed);
        risk.Find(a.AssessmentId)!.ReviewedBy.ShouldBe(ArmsFixtures.Supervisor);
        risk.Find(c.AssessmentId)!.ReviewComments.ShouldBe("Add the plan.");
    }

    [Fact]
    public void a_returned_assessment_stops_awaiting_revision_once_another_is_recorded()
    {
        var a = ArmsFixtures.Assessment(new DateOnly(2026, 1, 1), RiskLevel.Low);
        var returned = new ArmsAssessmentReturnedForRevision(a.AssessmentId, a.AssessedOn, "Redo.", ArmsFixtures.Supervisor, ArmsFixtures.Moment);
        var revision = ArmsFixtures.Assessment(new DateOnly(2026, 1, 1), RiskLevel.Medium);

        ArmsFixtures.Fold(a, returned).Risk.AwaitingRevision.ShouldBe([a.AssessmentId]);
        ArmsFixtures.Fold(a, returned, revision).Risk.AwaitingRevision.ShouldBeEmpty();
    }

    [Fact]
    public void the_state_survives_a_json_round_trip()
    {
        var a = ArmsFixtures.Assessment(new DateOnly(2026, 1, 1), RiskLevel.High);
        var offender = ArmsFixtures.Fold(a, new ArmsAssessmentEndorsed(a.AssessmentId, a.AssessedOn, "Good.", ArmsFixtures.Supervisor, ArmsFixtures.Moment));
        var options = EventTypeRegistry.CreateSerializerOptions();

        var back = System.Text.Json.JsonSerializer.Deserialize<Offender>(System.Text.Json.JsonSerializer.Serialize(offender, options), options)!;

        back.Risk.Assessments.ShouldBe(offender.Risk.Assessments);
        back.Risk.CurrentPlan!.Actions.ShouldBe(offender.Risk.CurrentPlan!.Actions);
        back.Risk.RiskOfSeriousHarm.ShouldBe(RiskLevel.High);
    }

    [Fact]
    public void the_timeline_lines_say_what_happened_in_words()
    {
        var a = ArmsFixtures.Assessment(new DateOnly(2026, 1, 5), RiskLevel.VeryHigh, RiskLevel.Low) with
        {
            PromptedBy = new ArmsPrompt(ArmsPromptKind.SignificantEvent, SignificantEventKind.NewChildContact, null),
        };

        a.Summary.ShouldBe("ARMS assessment (after a significant event: new child contact) by DC One: risk of serious harm very high, risk of reconviction low");
        new ArmsAssessmentEndorsed(a.AssessmentId, a.AssessedOn, null, ArmsFixtures.Supervisor, ArmsFixtures.Moment).Summary
            .ShouldBe("ARMS assessment of 5 January 2026 endorsed by DS Supervisor");
    }
}

public sealed class when_an_arms_assessment_is_checked
{
    [Fact]
    public void the_openapi_example_is_valid()
    {
        var (command, validation) = RecordArmsAssessment.Validate(RecordArmsAssessment.Request.Example, new Now(ArmsFixtures.Moment, new DateOnly(2026, 12, 1)));

        validation.IsValid.ShouldBeTrue(string.Join("; ", validation.Errors.Keys));
        command!.PromptedBy.ShouldBe(new ArmsPrompt(ArmsPromptKind.SignificantEvent, SignificantEventKind.NewRelationship, 7));
    }

    [Fact]
    public void an_assessment_today_is_accepted_and_tomorrow_is_not()
    {
        RecordArmsAssessment.Validate(ArmsFixtures.Valid() with { AssessedOn = ArmsFixtures.Now.Today }, ArmsFixtures.Now).Validation.IsValid.ShouldBeTrue();
        RecordArmsAssessment.Validate(ArmsFixtures.Valid() with { AssessedOn = ArmsFixtures.Now.Today.AddDays(1) }, ArmsFixtures.Now)
            .Validation.Errors.ShouldContainKey("assessedOn");
    }

    [Fact]
    public void a_plan_action_due_on_the_assessment_day_is_accepted_and_the_day_before_is_not()
    {
        var onTheDay = ArmsFixtures.Valid() with { RiskManagementPlan = [new RecordArmsAssessment.ActionBody("Visit", "DC One", new DateOnly(2026, 6, 10))] };
        var before = ArmsFixtures.Valid() with { RiskManagementPlan = [new RecordArmsAssessment.ActionBody("Visit", "DC One", new DateOnly(2026, 6, 9))] };

        RecordArmsAssessment.Validate(onTheDay, ArmsFixtures.Now).Validation.IsValid.ShouldBeTrue();
        RecordArmsAssessment.Validate(before, ArmsFixtures.Now).Validation.Errors.ShouldContainKey("riskManagementPlan[0].dueOn");
    }

    [Fact]
    public void a_significant_event_needs_its_kind_and_other_prompts_take_neither_kind_nor_entry()
    {
        static IDictionary<string, string[]> Errors(ArmsPromptKind kind, SignificantEventKind? which, long? version) =>
            RecordArmsAssessment.Validate(ArmsFixtures.Valid() with { PromptedBy = new(kind, which, version) }, ArmsFixtures.Now).Validation.Errors;

        Errors(ArmsPromptKind.SignificantEvent, null, null).ShouldContainKey("promptedBy.significantEvent");
        Errors(ArmsPromptKind.SignificantEvent, SignificantEventKind.Breach, null).ShouldBeEmpty();
        Errors(ArmsPromptKind.SignificantEvent, SignificantEventKind.Breach, 3).ShouldBeEmpty();
        Errors(ArmsPromptKind.InitialAssessment, SignificantEventKind.Breach, null).ShouldContainKey("promptedBy.significantEvent");
        Errors(ArmsPromptKind.PeriodicReview, null, 3).ShouldContainKey("promptedBy.eventVersion");
    }

    [Fact]
    public void at_most_the_named_number_of_factors_are_accepted()
    {
        var factors = Enumerable.Range(0, RecordArmsAssessment.MaxFactors).Select(i => $"Factor {i}").ToList();

        RecordArmsAssessment.Validate(ArmsFixtures.Valid() with { RiskFactors = factors }, ArmsFixtures.Now).Validation.IsValid.ShouldBeTrue();
        RecordArmsAssessment.Validate(ArmsFixtures.Valid() with { RiskFactors = [.. factors, "One more"] }, ArmsFixtures.Now)
            .Validation.Errors.ShouldContainKey("riskFactors");
    }
}

public sealed class when_an_arms_assessment_is_decided
{
    private static RecordArmsAssessment.Command Command(ArmsPrompt? prompt = null, RiskLevel harm = RiskLevel.High, DateOnly? on = null)
    {
        var (command, _) = RecordArmsAssessment.Validate(ArmsFixtures.Valid() with { RiskOfSeriousHarm = harm }, ArmsFixtures.Now);
        return command! with { PromptedBy = prompt ?? command.PromptedBy, AssessedOn = on ?? command.AssessedOn };
    }

    [Fact]
    public void an_assessment_on_the_conviction_date_is_accepted_and_the_day_before_is_not()
    {
        var offender = ArmsFixtures.Fold();

        RecordArmsAssessment.Decide(offender, Command(on: new DateOnly(2020, 1, 1)), ArmsFixtures.Manager, ArmsFixtures.Now).Refusal.ShouldBeNull();
        RecordArmsAssessment.Decide(offender, Command(on: new DateOnly(2019, 12, 31)), ArmsFixtures.Manager, ArmsFixtures.Now)
            .Refusal!.Errors.ShouldContainKey("assessedOn");
    }

    [Fact]
    public void a_second_initial_assessment_is_refused_unless_the_first_was_returned_for_revision()
    {
        var initial = new ArmsPrompt(ArmsPromptKind.InitialAssessment, null, null);
        var first = ArmsFixtures.Assessment(new DateOnly(2026, 1, 1), RiskLevel.Low, kind: ArmsPromptKind.InitialAssessment);
        var returned = new ArmsAssessmentReturnedForRevision(first.AssessmentId, first.AssessedOn, "Redo.", ArmsFixtures.Supervisor, ArmsFixtures.Moment);

        RecordArmsAssessment.Decide(ArmsFixtures.Fold(), Command(initial), ArmsFixtures.Manager, ArmsFixtures.Now).Refusal.ShouldBeNull();
        RecordArmsAssessment.Decide(ArmsFixtures.Fold(first), Command(initial), ArmsFixtures.Manager, ArmsFixtures.Now)
            .Refusal!.Errors.ShouldContainKey("promptedBy.kind");
        RecordArmsAssessment.Decide(ArmsFixtures.Fold(first, returned), Command(initial), ArmsFixtures.Manager, ArmsFixtures.Now).Refusal.ShouldBeNull();
    }

    [Fact]
    public void the_prompting_entry_must_be_on_the_record_not_an_arms_entry_and_not_withdrawn()
    {
        var visit = new HomeVisitRecorded(Guid.NewGuid(), ArmsFixtures.Moment, [new Officer("DC1", "DC One")], VisitKind.Announced, true, [], null, null, "Alone",
            ArmsFixtures.Manager, ArmsFixtures.Moment);
        var assessment = ArmsFixtures.Assessment(new DateOnly(2026, 1, 1), RiskLevel.Low);
        var offender = ArmsFixtures.Fold(visit, assessment);
        Decision Prompted(Offender o, long version) => RecordArmsAssessment.Decide(
            o, Command(new ArmsPrompt(ArmsPromptKind.SignificantEvent, SignificantEventKind.ChangeOfAddress, version)), ArmsFixtures.Manager, ArmsFixtures.Now);

        Prompted(offender, 2).Refusal.ShouldBeNull();
        Prompted(offender, 4).Refusal!.Errors.ShouldContainKey("promptedBy.eventVersion");
        Prompted(offender, 3).Refusal!.Errors.ShouldContainKey("promptedBy.eventVersion");
        var withdrawn = offender with { Corrections = [new CorrectionNote(2, "home-visit-recorded", true, "Wrong offender.", ArmsFixtures.Moment, "DS Supervisor")] };
        Prompted(withdrawn, 2).Refusal!.Errors.ShouldContainKey("promptedBy.eventVersion");
    }

    [Fact]
    public void high_risk_without_a_mappa_level_above_1_advises_a_mappa_referral()
    {
        var levelOne = ArmsFixtures.Fold(new MappaLevelChanged(null, 1, "Start", new DateOnly(2026, 1, 1), ArmsFixtures.Manager, ArmsFixtures.Moment));
        var levelTwo = ArmsFixtures.Fold(new MappaLevelChanged(null, 2, "Start", new DateOnly(2026, 1, 1), ArmsFixtures.Manager, ArmsFixtures.Moment));
        IReadOnlyList<string> Advice(Offender o, RiskLevel harm) => RecordArmsAssessment.Decide(o, Command(harm: harm), ArmsFixtures.Manager, ArmsFixtures.Now).Advice;

        Advice(ArmsFixtures.Fold(), RiskLevel.VeryHigh).ShouldContain(a => a.Contains("no MAPPA level is recorded") && a.Contains("MAPPA level 2 or 3"));
        Advice(levelOne, RiskLevel.High).ShouldContain(a => a.Contains("managed at MAPPA level 1"));
        Advice(levelTwo, RiskLevel.VeryHigh).ShouldNotContain(a => a.Contains("MAPPA"));
        Advice(levelOne, RiskLevel.Medium).ShouldNotContain(a => a.Contains("MAPPA"));
    }

    [Fact]
    public void a_change_in_the_risk_of_serious_harm_is_pointed_out()
    {
        var medium = ArmsFixtures.Fold(ArmsFixtures.Assessment(new DateOnly(2026, 1, 1), RiskLevel.Medium));

        RecordArmsAssessment.Decide(medium, Command(harm: RiskLevel.High), ArmsFixtures.Manager, ArmsFixtures.Now)
            .Advice.ShouldContain("Risk of serious harm has changed from medium to high: the home visit frequency follows the new level.");
        RecordArmsAssessment.Decide(medium, Command(harm: RiskLevel.Medium), ArmsFixtures.Manager, ArmsFixtures.Now)
            .Advice.ShouldBe([RecordArmsAssessment.EndorsementAdvice]);
    }
}

public sealed class when_an_arms_assessment_is_endorsed
{
    private static readonly ArmsAssessmentRecorded Recorded = ArmsFixtures.Assessment(new DateOnly(2026, 1, 1), RiskLevel.High);

    private static Decision Endorse(Offender offender, ArmsReviewOutcome outcome, Actor by) =>
        EndorseArmsAssessment.Decide(offender, new EndorseArmsAssessment.Command(Recorded.AssessmentId, outcome, outcome == ArmsReviewOutcome.Endorsed ? null : "Redo."),
            by, ArmsFixtures.Now);

    [Fact]
    public void comments_are_required_to_return_and_optional_to_endorse()
    {
        var id = Guid.NewGuid();

        EndorseArmsAssessment.Validate(new(id, ArmsReviewOutcome.ReturnedForRevision, null), ArmsFixtures.Now).Validation.Errors.ShouldContainKey("comments");
        EndorseArmsAssessment.Validate(new(id, ArmsReviewOutcome.ReturnedForRevision, "Why"), ArmsFixtures.Now).Validation.IsValid.ShouldBeTrue();
        EndorseArmsAssessment.Validate(new(id, ArmsReviewOutcome.Endorsed, null), ArmsFixtures.Now).Validation.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void the_user_who_recorded_it_may_not_endorse_or_return_it()
    {
        var offender = ArmsFixtures.Fold(Recorded);

        Endorse(offender, ArmsReviewOutcome.Endorsed, ArmsFixtures.Manager).Refusal!.Errors.ShouldContainKey("assessmentId");
        Endorse(offender, ArmsReviewOutcome.ReturnedForRevision, ArmsFixtures.Manager).Refusal!.Errors.ShouldContainKey("assessmentId");
        Endorse(offender, ArmsReviewOutcome.Endorsed, ArmsFixtures.Supervisor).Events.Single().ShouldBeOfType<ArmsAssessmentEndorsed>();
    }

    [Fact]
    public void an_endorsed_assessment_cannot_be_endorsed_or_returned_again()
    {
        var offender = ArmsFixtures.Fold(Recorded,
            new ArmsAssessmentEndorsed(Recorded.AssessmentId, Recorded.AssessedOn, null, ArmsFixtures.Supervisor, ArmsFixtures.Moment));
        var other = new Actor("other", "DI Other");

        Endorse(offender, ArmsReviewOutcome.Endorsed, other).Refusal!.Errors["assessmentId"].Single().ShouldContain("already endorsed by DS Supervisor on 2026-06-15");
        Endorse(offender, ArmsReviewOutcome.ReturnedForRevision, other).Refusal!.Errors.ShouldContainKey("assessmentId");
    }

    [Fact]
    public void a_returned_assessment_may_still_be_endorsed_but_not_returned_twice()
    {
        var offender = ArmsFixtures.Fold(Recorded,
            new ArmsAssessmentReturnedForRevision(Recorded.AssessmentId, Recorded.AssessedOn, "Redo.", ArmsFixtures.Supervisor, ArmsFixtures.Moment));

        Endorse(offender, ArmsReviewOutcome.ReturnedForRevision, ArmsFixtures.Supervisor).Refusal!.Errors.ShouldContainKey("assessmentId");
        Endorse(offender, ArmsReviewOutcome.Endorsed, ArmsFixtures.Supervisor).Refusal.ShouldBeNull();
    }

    [Fact]
    public void an_assessment_not_on_the_record_is_refused()
    {
        Endorse(ArmsFixtures.Fold(), ArmsReviewOutcome.Endorsed, ArmsFixtures.Supervisor).Refusal!.Errors["assessmentId"].Single()
            .ShouldContain("there is no ARMS assessment");
    }
}
