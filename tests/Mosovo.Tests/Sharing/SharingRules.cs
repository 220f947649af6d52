using Mosovo.Api.Audit;
using Mosovo.Api.Compliance;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;
using Mosovo.Tests.Arms;

namespace Mosovo.Tests.Sharing;

// Pure rules: no host, no database.

public sealed class when_shares_and_partner_summaries_are_decided
{
    private static readonly Now Now = ArmsFixtures.Now;
    private static readonly Actor Supervisor = ArmsFixtures.Supervisor;
    private static readonly EventTypeRegistry Types = OffenderEvents.Register(new EventTypeRegistry());

    private static MappaShareGranted Granted(PartnerAgency agency, DateTimeOffset until) =>
        new(Guid.CreateVersion7(), agency, "Purpose", 2, null, until, Supervisor, ArmsFixtures.Moment);

    /// <summary>A registration and the events, folded with the policies, as the summary projection folds them.</summary>
    private static Offender Fold(params IOffenderEvent[] events)
    {
        IOffenderEvent[] all = [ArmsFixtures.Registration(), .. events];
        return Offender.Fold(all.Select((e, i) => new RecordedEvent(i + 1, Guid.Empty, i + 1, Types.NameOf(e.GetType()), e,
            new EventMetadata(e.RecordedBy.UserId, e.RecordedBy.Name, e.RecordedAt, Guid.NewGuid()))).ToList(), new PolicyOptions())!;
    }

    [Fact]
    public void a_share_is_active_up_to_its_until_and_not_at_it()
    {
        var until = Now.Moment.AddDays(1);
        var offender = Fold(Granted(PartnerAgency.Housing, until));

        offender.Shares.ActiveFor(PartnerAgency.Housing, until.AddTicks(-1)).ShouldNotBeNull();
        offender.Shares.ActiveFor(PartnerAgency.Housing, until).ShouldBeNull();
        offender.Shares.ActiveFor(PartnerAgency.Probation, Now.Moment).ShouldBeNull();
    }

    [Fact]
    public void a_revoked_share_ends_at_once_and_an_expired_one_stays_ended()
    {
        var share = Granted(PartnerAgency.Health, Now.Moment.AddDays(30));
        var revoked = Fold(share, new MappaShareRevoked(share.ShareId, share.Agency, "Ended", Supervisor, Now.Moment));
        var expired = Fold(share, new MappaShareExpired(share.ShareId, share.Agency, share.Until, AccessLogEntry.System, share.Until));

        revoked.Shares.ActiveFor(PartnerAgency.Health, Now.Moment).ShouldBeNull();
        revoked.Shares.All.Single().Ended!.Kind.ShouldBe(ShareEndKind.Revoked);
        expired.Shares.All.Single().Ended!.Kind.ShouldBe(ShareEndKind.Expired);
        RevokeShare.Decide(revoked, new RevokeShare.Command(share.ShareId, "Again"), Supervisor, Now).Refusal.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("Probation", PartnerAgency.Probation)]
    [InlineData("childrenssocialcare", PartnerAgency.ChildrensSocialCare)]
    [InlineData("0", null)]
    [InlineData("Probation,Prisons", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void a_partners_agency_claim_must_name_an_agency_exactly(string? claim, PartnerAgency? agency)
    {
        SharingArea.AgencyOf(claim).ShouldBe(agency);
    }

    [Fact]
    public void the_openapi_examples_are_valid()
    {
        var now = new Now(ArmsFixtures.Moment, ArmsFixtures.Now.Today);

        GrantShare.Validate(GrantShare.Request.Example, now).Validation.IsValid.ShouldBeTrue();
        RevokeShare.Validate(RevokeShare.Request.Example, now).Validation.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void the_partner_summary_lists_significant_events_within_the_window_newest_first()
    {
        var old = new IntelligenceReceived(Guid.CreateVersion7(), Now.Today.AddDays(-400), new IntelligenceSource(IntelligenceSourceKind.Briefing, null),
            new IntelligenceGrading(2, "B", "P"), null, "Secret text", true, "Secret reason", ArmsFixtures.Manager, Now.Moment.AddDays(-400));
        var recent = old with { IntelligenceId = Guid.CreateVersion7(), ReceivedOn = Now.Today.AddDays(-10), RecordedAt = Now.Moment.AddDays(-10) };
        var share = Granted(PartnerAgency.Probation, Now.Moment.AddDays(30));
        var offender = Fold(old, recent, share);

        var summary = PartnerSummary.From(offender, offender.Shares.All.Single(), Now.Moment, TimeSpan.FromDays(365));

        summary.RecentSignificantEvents.ShouldBe([new PartnerSummary.SignificantEvent(SignificantEventKind.SignificantIntelligence, Now.Today.AddDays(-10))]);
        // Both reviews are still open (no ARMS assessment since): open actions are listed whatever their age.
        summary.OpenSafeguardingActions.Select(a => a.Kind).ShouldBe([ObligationKind.ArmsReviewAfterSignificantEvent, ObligationKind.ArmsReviewAfterSignificantEvent]);
        summary.OpenSafeguardingActions[0].Overdue.ShouldBeTrue();
        summary.OpenSafeguardingActions.ShouldAllBe(a => !a.Action.Contains("Secret", StringComparison.Ordinal));
        summary.SharedWith.Agency.ShouldBe(PartnerAgency.Probation);
    }

    [Fact]
    public void a_second_active_share_with_one_agency_is_refused_but_another_agency_may_have_one()
    {
        var offender = Fold(Granted(PartnerAgency.Housing, Now.Moment.AddDays(30)));

        GrantShare.Decide(offender, new GrantShare.Command(PartnerAgency.Housing, "Again", 2, null, Now.Moment.AddDays(10)), Supervisor, Now)
            .Refusal!.Errors.ShouldContainKey("agency");
        GrantShare.Decide(offender, new GrantShare.Command(PartnerAgency.Health, "Other", 2, null, Now.Moment.AddDays(10)), Supervisor, Now)
            .Refusal.ShouldBeNull();
    }
}
