using Mosovo.Api.Compliance;
using Mosovo.Api.Hosting;
using Mosovo.Api.Offenders;

namespace Mosovo.Tests.Compliance;

// Pure rules of the PPN's life: raised, submitted to the MASH, reviewed (five checks, in parts), shared. No host, no database.

public sealed class when_a_ppn_goes_through_the_mash
{
    private static readonly DateTimeOffset Received = new(2026, 6, 15, 8, 30, 0, TimeSpan.Zero);
    private static readonly Actor Manager = SafeguardingStream.Manager;
    private static readonly Actor Supervisor = SafeguardingStream.Supervisor;
    private static readonly Now At = SafeguardingStream.At;

    private static (SafeguardingStream Stream, Guid PpnId) Raised()
    {
        var stream = new SafeguardingStream();
        var (_, ppn) = stream.DiscloseChildContact(Received);
        return (stream, ppn.PpnId);
    }

    private static (SafeguardingStream Stream, Guid PpnId) Submitted()
    {
        var (stream, ppnId) = Raised();
        stream.Record(SubmitPpn.Decide(stream.State, SafeguardingStream.Submission(ppnId, Received.AddHours(2)), Manager, At));
        return (stream, ppnId);
    }

    [Fact]
    public void the_submission_is_kept_with_the_mash_reference_and_who_submitted_it()
    {
        var (stream, ppnId) = Submitted();

        var ppn = stream.Compliance.Ppns.Single();
        ppn.Status.ShouldBe(PpnStatus.SubmittedToMash);
        ppn.Submission.ShouldBe(new PpnSubmission(Received.AddHours(2), "MASH/2026/0042", SafeguardingStream.Officer, Manager));
    }

    [Fact]
    public void a_step_on_a_ppn_that_is_not_on_the_record_is_refused_naming_the_ppn()
    {
        var (stream, _) = Raised();
        var unknown = Guid.NewGuid();

        SafeguardingStream.RefusedFields(SubmitPpn.Decide(stream.State, SafeguardingStream.Submission(unknown, Received), Manager, At)).ShouldBe(["ppnId"]);
        SafeguardingStream.RefusedFields(ReviewPpn.Decide(stream.State, SafeguardingStream.Review(unknown, Received), Supervisor, At)).ShouldBe(["ppnId"]);
        SafeguardingStream.RefusedFields(SharePpn.Decide(stream.State, SafeguardingStream.Share(unknown, Received), Manager, At)).ShouldBe(["ppnId"]);
    }

    [Fact]
    public void a_ppn_is_submitted_once_and_not_before_the_information_was_received()
    {
        var (stream, ppnId) = Raised();
        SafeguardingStream.RefusedFields(SubmitPpn.Decide(stream.State, SafeguardingStream.Submission(ppnId, Received.AddTicks(-1)), Manager, At)).ShouldBe(["submittedAt"]);
        SubmitPpn.Decide(stream.State, SafeguardingStream.Submission(ppnId, Received), Manager, At).Refusal.ShouldBeNull();

        stream.Record(SubmitPpn.Decide(stream.State, SafeguardingStream.Submission(ppnId, Received), Manager, At));

        SafeguardingStream.RefusedFields(SubmitPpn.Decide(stream.State, SafeguardingStream.Submission(ppnId, Received.AddHours(1)), Manager, At)).ShouldBe(["ppnId"]);
    }

    [Fact]
    public void the_review_comes_after_the_submission_and_not_before_it()
    {
        var (raised, raisedId) = Raised();
        SafeguardingStream.RefusedFields(ReviewPpn.Decide(raised.State, SafeguardingStream.Review(raisedId, Received.AddHours(3)), Supervisor, At)).ShouldBe(["ppnId"]);

        var (stream, ppnId) = Submitted();
        SafeguardingStream.RefusedFields(ReviewPpn.Decide(stream.State, SafeguardingStream.Review(ppnId, Received.AddHours(2).AddTicks(-1)), Supervisor, At))
            .ShouldBe(["checkedAt"]);
        ReviewPpn.Decide(stream.State, SafeguardingStream.Review(ppnId, Received.AddHours(2)), Supervisor, At).Refusal.ShouldBeNull();
    }

    [Fact]
    public void a_review_recorded_in_parts_is_complete_when_all_five_checks_are_recorded_each_with_who_and_when()
    {
        var (stream, ppnId) = Submitted();

        var first = ReviewPpn.Decide(stream.State, SafeguardingStream.Review(ppnId, Received.AddHours(3),
            PpnReviewCheck.InformationComplete, PpnReviewCheck.ImmediateSafeguardingInPlace), Supervisor, At);
        first.Advice.ShouldBe(["Still to check: context from police records added, crimes recorded, sharing necessary and proportionate."]);
        stream.Record(first);
        var part = stream.Compliance.Ppns.Single();
        part.Status.ShouldBe(PpnStatus.SubmittedToMash);
        part.ReviewedAt.ShouldBeNull();
        part.OutstandingChecks.ShouldBe([PpnReviewCheck.PoliceRecordsContextAdded, PpnReviewCheck.CrimesRecorded, PpnReviewCheck.SharingNecessaryAndProportionate]);
        ((PpnReviewChecksRecorded)first.Events[0]).CompletesReview.ShouldBeFalse();

        var other = new Actor("supervisor-2", "DS Other");
        var second = ReviewPpn.Decide(stream.State, SafeguardingStream.Review(ppnId, Received.AddHours(5),
            PpnReviewCheck.PoliceRecordsContextAdded, PpnReviewCheck.CrimesRecorded, PpnReviewCheck.SharingNecessaryAndProportionate), other, At);
        second.Advice.ShouldBeEmpty();
        ((PpnReviewChecksRecorded)second.Events[0]).CompletesReview.ShouldBeTrue();
        ((PpnReviewChecksRecorded)second.Events[0]).Summary.ShouldBe(
            "PPN review by DS Other: context from police records added, crimes recorded, sharing necessary and proportionate; review complete");
        stream.Record(second);

        var ppn = stream.Compliance.Ppns.Single();
        ppn.Status.ShouldBe(PpnStatus.Reviewed);
        ppn.ReviewedAt.ShouldBe(Received.AddHours(5));
        ppn.OutstandingChecks.ShouldBeEmpty();
        ppn.Done(PpnReviewCheck.InformationComplete).ShouldBe(new PpnReviewCheckDone(PpnReviewCheck.InformationComplete, "Checked: InformationComplete", Supervisor, Received.AddHours(3)));
        ppn.Done(PpnReviewCheck.CrimesRecorded)!.CheckedBy.ShouldBe(other);
    }

    [Fact]
    public void a_check_already_recorded_is_refused_naming_it()
    {
        var (stream, ppnId) = Submitted();
        stream.Record(ReviewPpn.Decide(stream.State, SafeguardingStream.Review(ppnId, Received.AddHours(3), PpnReviewCheck.CrimesRecorded), Supervisor, At));

        SafeguardingStream.RefusedFields(ReviewPpn.Decide(stream.State,
            SafeguardingStream.Review(ppnId, Received.AddHours(4), PpnReviewCheck.InformationComplete, PpnReviewCheck.CrimesRecorded), Supervisor, At))
            .ShouldBe(["checks[1].check"]);
    }

    [Fact]
    public void a_ppn_is_shared_only_once_reviewed_and_not_before_sharing_was_found_necessary_and_proportionate()
    {
        var (stream, ppnId) = Submitted();
        SafeguardingStream.RefusedFields(SharePpn.Decide(stream.State, SafeguardingStream.Share(ppnId, Received.AddHours(6)), Manager, At)).ShouldBe(["ppnId"]);
        stream.Record(ReviewPpn.Decide(stream.State, SafeguardingStream.Review(ppnId, Received.AddHours(3),
            PpnReviewCheck.InformationComplete, PpnReviewCheck.ImmediateSafeguardingInPlace, PpnReviewCheck.PoliceRecordsContextAdded, PpnReviewCheck.CrimesRecorded), Supervisor, At));
        SharePpn.Decide(stream.State, SafeguardingStream.Share(ppnId, Received.AddHours(6)), Manager, At).Refusal!.Errors["ppnId"][0]
            .ShouldContain("Still to check: sharing necessary and proportionate.");

        stream.Record(ReviewPpn.Decide(stream.State, SafeguardingStream.Review(ppnId, Received.AddHours(4), PpnReviewCheck.SharingNecessaryAndProportionate), Supervisor, At));

        SafeguardingStream.RefusedFields(SharePpn.Decide(stream.State, SafeguardingStream.Share(ppnId, Received.AddHours(4).AddTicks(-1)), Manager, At)).ShouldBe(["sharedAt"]);
        stream.Record(SharePpn.Decide(stream.State, SafeguardingStream.Share(ppnId, Received.AddHours(4)), Manager, At));
        stream.Record(SharePpn.Decide(stream.State, new SharePpn.Command(ppnId, ["Probation Service"], Received.AddHours(8), "Offender manager's plan."), Manager, At));

        var ppn = stream.Compliance.Ppns.Single();
        ppn.Status.ShouldBe(PpnStatus.Shared);
        ppn.Shares.Count.ShouldBe(2);
        ppn.Shares[0].Agencies.ShouldBe(["Demotown Primary School", "Health Visiting"]);
        ppn.Shares[1].Agencies.ShouldBe(["Probation Service"]);
        ppn.Shares[0].SharedAt.ShouldBe(Received.AddHours(4));
        ppn.Shares[0].Purpose.ShouldBe("Strategy discussion.");
    }

    [Fact]
    public void review_checks_must_name_each_check_once_with_a_finding()
    {
        var now = new Now(Received.AddDays(1), DateOnly.FromDateTime(Received.AddDays(1).UtcDateTime));
        var ppnId = Guid.NewGuid();
        ReviewPpn.Request Request(params ReviewPpn.CheckBody[] checks) => new(ppnId, checks, Received);

        ReviewPpn.Validate(Request(new ReviewPpn.CheckBody(PpnReviewCheck.CrimesRecorded, "None disclosed.")), now).Validation.IsValid.ShouldBeTrue();
        ReviewPpn.Validate(Request(), now).Validation.Errors.Keys.ShouldBe(["checks"]);
        ReviewPpn.Validate(Request(new ReviewPpn.CheckBody(PpnReviewCheck.CrimesRecorded, "a"), new ReviewPpn.CheckBody(PpnReviewCheck.CrimesRecorded, "b")), now)
            .Validation.Errors.Keys.ShouldBe(["checks[1].check"]);
        ReviewPpn.Validate(Request(new ReviewPpn.CheckBody(null, " ")), now).Validation.Errors.Keys.ShouldBe(["checks[0].check", "checks[0].finding"], ignoreOrder: true);
        ReviewPpn.Validate(new ReviewPpn.Request(Guid.Empty, [new ReviewPpn.CheckBody(PpnReviewCheck.CrimesRecorded, "x")], Received), now)
            .Validation.Errors.Keys.ShouldBe(["ppnId"]);
    }

    [Fact]
    public void agencies_are_named_once_each()
    {
        var now = new Now(Received.AddDays(1), DateOnly.FromDateTime(Received.AddDays(1).UtcDateTime));

        SharePpn.Validate(new SharePpn.Request(Guid.NewGuid(), ["School", "school"], Received, "Purpose"), now).Validation.Errors.Keys.ShouldBe(["agencies[1]"]);
        SharePpn.Validate(new SharePpn.Request(Guid.NewGuid(), [], Received, "Purpose"), now).Validation.Errors.Keys.ShouldBe(["agencies"]);
        SharePpn.Validate(new SharePpn.Request(Guid.NewGuid(), ["School", " "], Received, " "), now).Validation.Errors.Keys.ShouldBe(["agencies[1]", "purpose"], ignoreOrder: true);
    }
}
