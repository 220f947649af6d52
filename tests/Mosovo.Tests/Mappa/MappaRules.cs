using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using Mosovo.Tests.Arms;

namespace Mosovo.Tests.Mappa;

// Pure rules: no host, no database.

public sealed class when_mappa_changes_are_decided
{
    private static readonly Now Now = ArmsFixtures.Now;
    private static readonly Actor Manager = ArmsFixtures.Manager;

    private static MappaLevelChanged Level(int? from, int to, DateOnly on) => new(from, to, "Reason", on, Manager, ArmsFixtures.Moment);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void categories_and_levels_are_1_2_or_3(int value, bool accepted)
    {
        ChangeMappaCategory.Validate(new(value, "Reason"), Now).Validation.IsValid.ShouldBe(accepted);
        ChangeMappaLevel.Validate(new(value, "Reason", Now.Today), Now).Validation.IsValid.ShouldBe(accepted);
        RecordMappaMeeting.Validate(RecordMappaMeeting.Request.Example with { HeldOn = Now.Today, NextMeetingOn = null, Actions = [], Level = value }, Now)
            .Validation.IsValid.ShouldBe(accepted);
    }

    [Fact]
    public void the_openapi_examples_are_valid()
    {
        var later = new Now(ArmsFixtures.Moment, new DateOnly(2026, 12, 1));

        ChangeMappaCategory.Validate(ChangeMappaCategory.Request.Example, later).Validation.IsValid.ShouldBeTrue();
        ChangeMappaLevel.Validate(ChangeMappaLevel.Request.Example, later).Validation.IsValid.ShouldBeTrue();
        RecordMappaMeeting.Validate(RecordMappaMeeting.Request.Example, later).Validation.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void a_category_change_records_what_it_was_and_a_same_value_change_is_refused()
    {
        var offender = ArmsFixtures.Fold();

        var decision = ChangeMappaCategory.Decide(offender, new ChangeMappaCategory.Command(3, "Reason"), Manager, Now);

        decision.Events.Single().ShouldBe(new MappaCategoryChanged(1, 3, "Reason", Manager, ArmsFixtures.Moment));
        ChangeMappaCategory.Decide(offender, new ChangeMappaCategory.Command(1, "Reason"), Manager, Now).Refusal!.Errors.ShouldContainKey("category");
    }

    [Fact]
    public void the_first_level_is_set_from_none_and_a_same_level_change_is_refused()
    {
        var none = ArmsFixtures.Fold();
        var two = ArmsFixtures.Fold(Level(null, 2, new DateOnly(2026, 6, 1)));

        ChangeMappaLevel.Decide(none, new ChangeMappaLevel.Command(1, "Reason", Now.Today), Manager, Now).Events.Single()
            .ShouldBeOfType<MappaLevelChanged>().From.ShouldBeNull();
        ChangeMappaLevel.Decide(two, new ChangeMappaLevel.Command(2, "Reason", Now.Today), Manager, Now).Refusal!.Errors.ShouldContainKey("level");
    }

    [Fact]
    public void a_level_decided_on_the_day_of_the_current_one_is_accepted_and_the_day_before_is_not()
    {
        var two = ArmsFixtures.Fold(Level(null, 2, new DateOnly(2026, 6, 1)));

        ChangeMappaLevel.Decide(two, new ChangeMappaLevel.Command(3, "Reason", new DateOnly(2026, 6, 1)), Manager, Now).Refusal.ShouldBeNull();
        ChangeMappaLevel.Decide(two, new ChangeMappaLevel.Command(3, "Reason", new DateOnly(2026, 5, 31)), Manager, Now).Refusal!.Errors.ShouldContainKey("decidedOn");
    }

    [Fact]
    public void the_status_folds_category_level_and_history_in_order()
    {
        var mappa = ArmsFixtures.Fold(
            Level(null, 1, new DateOnly(2026, 1, 1)),
            new MappaCategoryChanged(1, 2, "Reason", Manager, ArmsFixtures.Moment),
            Level(1, 3, new DateOnly(2026, 5, 1))).Mappa;

        mappa.Category.ShouldBe(2);
        mappa.Level.ShouldBe(3);
        mappa.LevelDecidedOn.ShouldBe(new DateOnly(2026, 5, 1));
        mappa.History.Select(c => (c.What, c.From, c.To)).ShouldBe([(MappaChangeKind.Level, null, 1), (MappaChangeKind.Category, 1, 2), (MappaChangeKind.Level, 1, 3)]);
    }

    [Fact]
    public void the_latest_meeting_is_the_one_held_last_and_of_two_on_one_day_the_one_recorded_later()
    {
        MappaMeetingRecorded Meeting(DateOnly held, DateOnly? next) =>
            new(Guid.NewGuid(), held, 2, ["Police"], "Outcome", next, [], Manager, ArmsFixtures.Moment);
        var june = Meeting(new DateOnly(2026, 6, 1), new DateOnly(2026, 9, 1));
        var march = Meeting(new DateOnly(2026, 3, 1), new DateOnly(2026, 6, 1));
        var juneAgain = Meeting(new DateOnly(2026, 6, 1), null);

        ArmsFixtures.Fold(june, march).Mappa.NextMeetingOn.ShouldBe(new DateOnly(2026, 9, 1));
        var mappa = ArmsFixtures.Fold(june, march, juneAgain).Mappa;
        mappa.LatestMeeting!.MeetingId.ShouldBe(juneAgain.MeetingId);
        mappa.NextMeetingOn.ShouldBeNull();
        mappa.Meetings.Count.ShouldBe(3);
        ArmsFixtures.Fold().Mappa.NextMeetingOn.ShouldBeNull();
    }

    [Fact]
    public void a_meeting_at_another_level_than_the_offenders_says_so()
    {
        var two = ArmsFixtures.Fold(Level(null, 2, new DateOnly(2026, 6, 1)));
        RecordMappaMeeting.Command Held(int level) => new(Now.Today, level, ["Police"], "Outcome", null, []);

        RecordMappaMeeting.Decide(two, Held(2), Manager, Now).Advice.ShouldBeEmpty();
        RecordMappaMeeting.Decide(two, Held(3), Manager, Now).Advice.Single().ShouldContain("held at level 3 but the offender's MAPPA level is 2");
    }

    [Fact]
    public void the_next_meeting_must_come_after_the_meeting()
    {
        var request = RecordMappaMeeting.Request.Example with { HeldOn = new DateOnly(2026, 6, 1), Actions = [] };

        RecordMappaMeeting.Validate(request with { NextMeetingOn = new DateOnly(2026, 6, 2) }, Now).Validation.IsValid.ShouldBeTrue();
        RecordMappaMeeting.Validate(request with { NextMeetingOn = new DateOnly(2026, 6, 1) }, Now).Validation.Errors.ShouldContainKey("nextMeetingOn");
    }
}
