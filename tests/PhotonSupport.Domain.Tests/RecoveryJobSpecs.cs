using System.Security.Cryptography;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;
using static PhotonSupport.Domain.Tests.TicketHistory;

namespace PhotonSupport.Domain.Tests;

public class RecoveryJobSpecs
{
    private static readonly DateTimeOffset Now = Monday.AddDays(1);
    private static readonly Guid JobId = Guid.Parse("0194f5d2-0000-7000-8000-0000000000aa");
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private static RecoveryJobQueued Queued(RecoveryJobKind kind = RecoveryJobKind.Backup) =>
        new(TicketId, JobId, kind, DeviceId, Platform.Photon, "support", Monday.AddHours(2));

    private static readonly Guid FirstClaim = Guid.Parse("0194f5d2-0000-7000-8000-0000000000c1");
    private static readonly Guid SecondClaim = Guid.Parse("0194f5d2-0000-7000-8000-0000000000c2");

    private static RecoveryJobClaimed Claimed(string agent = "bench-1", int attempt = 1, Guid? claim = null) =>
        new(TicketId, JobId, claim ?? FirstClaim, agent, $"name of {agent}", attempt, Monday.AddHours(3) + Lease, Monday.AddHours(3));

    private static object[] BenchBackup() => Backup(BackupSource.Bench, BackupId, KeysInPlace, new string('d', 64), Monday.AddHours(3).AddMinutes(1));

    private static ClaimRecoveryJob Claim(string agent = "bench-1", string device = DeviceId) =>
        new(TicketId, JobId, FirstClaim, agent, $"name of {agent}", [device], Lease);

    private static CompleteRecoveryJob Complete(
        JobOutcome outcome = JobOutcome.Succeeded, string agent = "bench-1", JobResult? result = null, Guid? claim = null) =>
        new(TicketId, JobId, claim ?? FirstClaim, agent, outcome, "done", result, Guid.Parse("0194f5d2-0000-7000-8000-0000000000bb"));

    [Fact]
    public void An_agent_with_the_device_attached_claims_a_queued_job_with_a_lease()
    {
        var claimed = ClaimRecoveryJob.Decide(Given(PhotonReported(), Queued()), Claim(), Now).Events.ShouldHaveSingleItem()
            .ShouldBeOfType<RecoveryJobClaimed>();

        claimed.ShouldBe(new RecoveryJobClaimed(TicketId, JobId, FirstClaim, "bench-1", "name of bench-1", 1, Now + Lease, Now));
    }

    [Fact]
    public void An_agent_without_the_device_cannot_claim_its_job() =>
        ClaimRecoveryJob.Decide(Given(PhotonReported(), Queued()), Claim(device: "1f0038000447343232363230"), Now)
            .Refusal!.Type.ShouldBe(TicketRules.DeviceNotAttached);

    [Fact]
    public void A_claimed_job_cannot_be_claimed_again() =>
        ClaimRecoveryJob.Decide(Given(PhotonReported(), Queued(), Claimed()), Claim("bench-2"), Now)
            .Refusal!.Type.ShouldBe(TicketRules.JobNotClaimable);

    [Fact]
    public void A_backup_job_succeeds_once_its_image_is_on_file_and_the_plan_moves_on()
    {
        var ticket = Given(PhotonReported(), PlanOf(RecoveryJobKind.Backup, RecoveryJobKind.RestoreServerKey), Queued(), Claimed(), BenchBackup());

        var events = CompleteRecoveryJob.Decide(ticket, Complete(), Library, Now).Events;

        events[0].ShouldBeOfType<RecoveryJobSucceeded>().Kind.ShouldBe(RecoveryJobKind.Backup);
        var next = events[1].ShouldBeOfType<RecoveryJobQueued>();
        next.Kind.ShouldBe(RecoveryJobKind.RestoreServerKey);
        next.QueuedBy.ShouldBe(CompleteRecoveryJob.PlanActor);
        events.Count.ShouldBe(2);
    }

    [Fact]
    public void A_backup_job_without_an_uploaded_image_cannot_succeed() =>
        CompleteRecoveryJob.Decide(Given(PhotonReported(), Queued(), Claimed()), Complete(), Library, Now)
            .Refusal!.Type.ShouldBe(TicketRules.JobResultIncomplete);

    [Fact]
    public void The_plan_does_not_queue_a_destructive_step_without_a_backup()
    {
        var ticket = Given(PhotonReported(), PlanOf(RecoveryJobKind.FlashTinker, RecoveryJobKind.RestoreServerKey),
            Queued(RecoveryJobKind.FlashTinker), new BackupFirstRuleWaived(TicketId, JobId, RecoveryJobKind.FlashTinker, "dev kit", "sup", Now), Claimed());

        var events = CompleteRecoveryJob.Decide(ticket, Complete(), Library, Now).Events;

        events.Select(e => e.GetType()).ShouldBe([typeof(RecoveryJobSucceeded), typeof(TinkerFlashed)]);
    }

    [Fact]
    public void A_keys_job_records_the_new_public_key_fingerprint()
    {
        using var rsa = RSA.Create(1024);
        var pem = rsa.ExportSubjectPublicKeyInfoPem();
        var ticket = Given(PhotonReported(), BenchBackup(), Queued(RecoveryJobKind.RegenerateDeviceKeys), Claimed());

        var keys = CompleteRecoveryJob.Decide(ticket, Complete(result: new JobResult(pem)), Library, Now).Events.OfType<KeysRegenerated>().Single();

        keys.PublicKeyFingerprint.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo())));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----")]
    public void A_keys_job_without_a_readable_public_key_cannot_succeed(string? pem) =>
        CompleteRecoveryJob.Decide(Given(PhotonReported(), BenchBackup(), Queued(RecoveryJobKind.RegenerateDeviceKeys), Claimed()),
            Complete(result: new JobResult(pem)), Library, Now).Refusal!.Type.ShouldBe(TicketRules.JobResultIncomplete);

    [Fact]
    public void Completing_twice_appends_once()
    {
        var given = new object[] { PhotonReported(), BenchBackup(), Queued(RecoveryJobKind.FlashTinker), Claimed() };
        var first = CompleteRecoveryJob.Decide(Given(given), Complete(), Library, Now);

        var second = CompleteRecoveryJob.Decide(Given([.. given, .. first.Events]), Complete(), Library, Now);

        first.Events.Count.ShouldBe(2);
        second.IsRefused.ShouldBeFalse();
        second.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Completing_someone_elses_job_is_refused() =>
        CompleteRecoveryJob.Decide(Given(PhotonReported(), Queued(), Claimed()), Complete(agent: "bench-2"), Library, Now)
            .Refusal!.Type.ShouldBe(TicketRules.JobNotHeld);

    [Fact]
    public void Completing_a_cancelled_job_is_refused()
    {
        var cancelled = new RecoveryJobCancelled(TicketId, JobId, RecoveryJobKind.Backup, "owner came to pick it up", "support", Now);

        CompleteRecoveryJob.Decide(Given(PhotonReported(), Queued(), Claimed(), cancelled), Complete(), Library, Now)
            .Refusal!.Type.ShouldBe(TicketRules.JobCancelled);
    }

    [Fact]
    public void A_failure_is_recorded_with_its_reason_and_frees_the_ticket()
    {
        var failed = CompleteRecoveryJob.Decide(Given(PhotonReported(), Queued(), Claimed()), Complete(JobOutcome.Failed), Library, Now).Events.ShouldHaveSingleItem();

        failed.ShouldBeOfType<RecoveryJobFailed>().Reason.ShouldBe("done");
        Given(PhotonReported(), Queued(), Claimed(), failed).HasJobsInFlight.ShouldBeFalse();
    }

    [Fact]
    public void A_lease_that_ran_out_requeues_the_job_until_the_last_attempt()
    {
        var expired = new ExpireRecoveryJobLease(TicketId, JobId, 1, Now.AddSeconds(-1), MaxAttempts: 2);

        var requeued = ExpireRecoveryJobLease.Decide(Given(PhotonReported(), Queued(), Claimed()), expired, Now).Events.ShouldHaveSingleItem()
            .ShouldBeOfType<RecoveryJobLeaseExpired>();
        var final = ExpireRecoveryJobLease.Decide(Given(PhotonReported(), Queued(), Claimed(), requeued, Claimed("bench-2", 2)),
            expired with { Attempt = 2 }, Now).Events.ShouldHaveSingleItem().ShouldBeOfType<RecoveryJobLeaseExpired>();

        requeued.Requeued.ShouldBeTrue();
        Given(PhotonReported(), Queued(), Claimed(), requeued).Job(JobId)!.State.ShouldBe(RecoveryJobState.Queued);
        final.Requeued.ShouldBeFalse();
        Given(PhotonReported(), Queued(), Claimed(), requeued, Claimed("bench-2", 2), final).Job(JobId)!.State.ShouldBe(RecoveryJobState.Failed);
    }

    [Fact]
    public void A_lease_kept_alive_by_heartbeats_does_not_expire() =>
        ExpireRecoveryJobLease.Decide(Given(PhotonReported(), Queued(), Claimed()),
            new ExpireRecoveryJobLease(TicketId, JobId, 1, Now.AddSeconds(30), 3), Now).Events.ShouldBeEmpty();

    [Fact]
    public void Support_cancels_a_running_job_but_not_a_finished_one()
    {
        var cancel = new CancelRecoveryJob(TicketId, JobId, "wrong device", null, "support");

        CancelRecoveryJob.Decide(Given(PhotonReported(), Queued(), Claimed()), cancel, Now).Events.ShouldHaveSingleItem().ShouldBeOfType<RecoveryJobCancelled>();
        var failed = new RecoveryJobFailed(TicketId, JobId, RecoveryJobKind.Backup, "bench-1", "usb error", Now);
        CancelRecoveryJob.Decide(Given(PhotonReported(), Queued(), Claimed(), failed), cancel, Now).Refusal!.Type.ShouldBe(TicketRules.JobAlreadyFinished);
    }

    [Fact]
    public void Only_the_holder_of_a_running_backup_job_files_its_image()
    {
        var record = new RecordBenchBackup(TicketId, JobId, FirstClaim, "bench-1", Guid.NewGuid(), ErasedPhotonImage());

        RecordBenchBackup.Decide(Given(PhotonReported(), Queued(), Claimed()), record, Now).Events.OfType<BackupReceived>().ShouldHaveSingleItem()
            .Source.ShouldBe(BackupSource.Bench);
        RecordBenchBackup.Decide(Given(PhotonReported(), Queued(), Claimed()), record with { AgentId = "bench-2" }, Now)
            .Refusal!.Type.ShouldBe(TicketRules.JobNotHeld);
    }

    [Fact]
    public void After_a_lease_ran_out_and_the_job_was_claimed_again_only_the_new_claim_may_report_it()
    {
        var requeued = new RecoveryJobLeaseExpired(TicketId, JobId, RecoveryJobKind.FlashTinker, "bench-1", 1, Requeued: true, Now);
        var ticket = Given(PhotonReported(), BenchBackup(), Queued(RecoveryJobKind.FlashTinker), Claimed(), requeued, Claimed("bench-2", 2, SecondClaim));

        CompleteRecoveryJob.Decide(ticket, Complete(), Library, Now).Refusal!.Type.ShouldBe(TicketRules.ClaimLost);
        CompleteRecoveryJob.Decide(ticket, Complete(agent: "bench-2", claim: SecondClaim), Library, Now).Events.OfType<TinkerFlashed>().ShouldHaveSingleItem();
    }

    [Fact]
    public void A_claim_whose_lease_ran_out_files_no_backup_even_before_anyone_claims_the_job_again()
    {
        var requeued = new RecoveryJobLeaseExpired(TicketId, JobId, RecoveryJobKind.Backup, "bench-1", 1, Requeued: true, Now);
        var record = new RecordBenchBackup(TicketId, JobId, FirstClaim, "bench-1", Guid.NewGuid(), ErasedPhotonImage());

        RecordBenchBackup.Decide(Given(PhotonReported(), Queued(), Claimed(), requeued), record, Now).Refusal!.Type.ShouldBe(TicketRules.ClaimLost);
        RecordBenchBackup.Decide(Given(PhotonReported(), Queued(), Claimed()), record, Now).IsRefused.ShouldBeFalse();
    }

    /// <summary>A whole Photon flash (1 MiB, particle-facts.md) that is all 0xFF.</summary>
    private static byte[] ErasedPhotonImage() => Enumerable.Repeat((byte)0xFF, 1_048_576).ToArray();

    private static DiagnosisRecorded PlanOf(params RecoveryJobKind[] plan) => new(TicketId, "test plan", plan, "test", "support", Monday);
}
