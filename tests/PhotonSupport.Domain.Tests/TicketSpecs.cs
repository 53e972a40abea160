using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;
using static PhotonSupport.Domain.Tests.TicketHistory;

namespace PhotonSupport.Domain.Tests;

public class TicketSpecs
{
    private static readonly DateTimeOffset Now = Monday.AddDays(1);

    private static QueueRecoveryJob Queue(RecoveryJobKind kind, string? waiver = null) =>
        new(TicketId, Guid.NewGuid(), kind.ToString(), waiver, null, "support");

    [Fact]
    public void Opening_with_an_led_pattern_records_the_report_and_its_diagnosis()
    {
        var command = new OpenTicket("3C002B000347343339373536", "Photon", "owner@example.com", "three red", "cyan-flash-red-3", "support");

        var decision = OpenTicket.Decide(command, TicketId, "PS-7", [], Now);

        var reported = decision.Events[0].ShouldBeOfType<DeviceReported>();
        reported.DeviceId.ShouldBe("3c002b000347343339373536");
        reported.Platform.ShouldBe(Platform.Photon);
        reported.Reference.ShouldBe("PS-7");
        var diagnosis = decision.Events[1].ShouldBeOfType<DiagnosisRecorded>();
        diagnosis.Plan.ShouldBe([RecoveryJobKind.Backup, RecoveryJobKind.RestoreServerKey, RecoveryJobKind.FlashTinker]);
        diagnosis.Basis.ShouldBe("led-pattern:cyan-flash-red-3");
    }

    [Fact]
    public void Opening_without_an_led_pattern_records_only_the_report()
    {
        var command = new OpenTicket("3c002b000347343339373536", "Core", "owner@example.com", "won't boot", null, "support");

        OpenTicket.Decide(command, TicketId, "PS-8", [], Now).Events.ShouldHaveSingleItem().ShouldBeOfType<DeviceReported>();
    }

    [Fact]
    public void Restoring_the_server_key_without_a_backup_is_refused()
    {
        var decision = QueueRecoveryJob.Decide(Given(PhotonReported()), Queue(RecoveryJobKind.RestoreServerKey), Library, Now);

        decision.Refusal!.Type.ShouldBe(TicketRules.BackupRequired);
        decision.Events.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(RecoveryJobKind.RestoreServerKey)]
    [InlineData(RecoveryJobKind.RegenerateDeviceKeys)]
    [InlineData(RecoveryJobKind.RestoreBackup)]
    [InlineData(RecoveryJobKind.FlashTinker)]
    [InlineData(RecoveryJobKind.UpdateSystemFirmware)]
    public void Every_destructive_kind_waits_for_a_backup(RecoveryJobKind kind) =>
        QueueRecoveryJob.Decide(Given(PhotonReported()), Queue(kind), Library, Now).Refusal!.Type.ShouldBe(TicketRules.BackupRequired);

    [Fact]
    public void Restoring_the_server_key_with_a_backup_on_file_is_queued()
    {
        var command = Queue(RecoveryJobKind.RestoreServerKey);

        var decision = QueueRecoveryJob.Decide(Given(PhotonReported(), BackupFromEmail()), command, Library, Now);

        var queued = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<RecoveryJobQueued>();
        queued.ShouldBe(new RecoveryJobQueued(TicketId, command.JobId, RecoveryJobKind.RestoreServerKey, DeviceId, Platform.Photon, "support", Now));
    }

    [Fact]
    public void Taking_a_backup_needs_no_backup()
    {
        var decision = QueueRecoveryJob.Decide(Given(PhotonReported()), Queue(RecoveryJobKind.Backup), Library, Now);

        decision.Events.ShouldHaveSingleItem().ShouldBeOfType<RecoveryJobQueued>();
    }

    [Fact]
    public void A_waiver_with_a_reason_lets_a_destructive_job_through_and_is_recorded()
    {
        var command = Queue(RecoveryJobKind.RestoreServerKey, waiver: "owner's laptop can't run dfu-util; device is a dev kit");

        var decision = QueueRecoveryJob.Decide(Given(PhotonReported()), command, Library, Now);

        decision.Events.Count.ShouldBe(2);
        decision.Events[0].ShouldBeOfType<RecoveryJobQueued>();
        var waived = decision.Events[1].ShouldBeOfType<BackupFirstRuleWaived>();
        waived.JobId.ShouldBe(command.JobId);
        waived.Reason.ShouldBe(command.WaiverReason);
        Given(PhotonReported(), decision.Events[0], decision.Events[1]).Jobs.Single().WaiverReason.ShouldBe(command.WaiverReason);
    }

    [Fact]
    public void Patching_the_cc3000_of_a_Photon_is_refused()
    {
        var decision = QueueRecoveryJob.Decide(Given(PhotonReported(), BackupFromEmail()), Queue(RecoveryJobKind.PatchCc3000), Library, Now);

        decision.Refusal!.Type.ShouldBe(TicketRules.JobKindNotForPlatform);
        decision.Refusal.Detail.ShouldContain("Photon");
    }

    [Fact]
    public void Patching_the_cc3000_of_a_Core_is_queued() =>
        QueueRecoveryJob.Decide(Given(PhotonReported(Platform.Core), BackupFromEmail()), Queue(RecoveryJobKind.PatchCc3000), Library, Now)
            .IsRefused.ShouldBeFalse();

    [Fact]
    public void A_second_job_of_a_kind_in_flight_is_refused() =>
        QueueRecoveryJob.Decide(Given(PhotonReported(), JobQueued(RecoveryJobKind.Backup)), Queue(RecoveryJobKind.Backup), Library, Now)
            .Refusal!.Type.ShouldBe(TicketRules.JobAlreadyQueued);

    [Fact]
    public void A_ticket_with_jobs_in_flight_cannot_be_resolved()
    {
        var ticket = Given(PhotonReported(), JobQueued(RecoveryJobKind.Backup));

        var decision = ResolveTicket.Decide(ticket, new ResolveTicket(TicketId, "fixed", null, "support"), Now);

        ticket.Status.ShouldBe(TicketStatus.InRecovery);
        decision.Refusal!.Type.ShouldBe(TicketRules.JobsInFlight);
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_ticket_without_jobs_in_flight_is_resolved()
    {
        var decision = ResolveTicket.Decide(Given(PhotonReported()), new ResolveTicket(TicketId, "keys server fixed it", null, "support"), Now);

        decision.Events.ShouldHaveSingleItem().ShouldBe(new TicketResolved(TicketId, "keys server fixed it", "support", Now));
    }

    [Fact]
    public void A_resolved_ticket_refuses_jobs_backup_requests_and_a_second_resolve()
    {
        var resolved = Given(PhotonReported(), BackupFromEmail(), Resolved());

        QueueRecoveryJob.Decide(resolved, Queue(RecoveryJobKind.FlashTinker), Library, Now).Refusal!.Type.ShouldBe(TicketRules.TicketResolved);
        RequestBackup.Decide(resolved, new RequestBackup(TicketId, null, "support"), Now).Refusal!.Type.ShouldBe(TicketRules.TicketResolved);
        ResolveTicket.Decide(resolved, new ResolveTicket(TicketId, "again", null, "support"), Now).Refusal!.Type.ShouldBe(TicketRules.TicketResolved);
    }

    [Fact]
    public void A_resolved_ticket_still_takes_notes() =>
        AddNote.Decide(Given(PhotonReported(), Resolved()), new AddNote(TicketId, "owner says thanks", null, "support"), Now)
            .Events.ShouldHaveSingleItem().ShouldBeOfType<NoteAdded>();

    [Fact]
    public void Reopening_a_resolved_ticket_opens_it_again()
    {
        var decision = ReopenTicket.Decide(Given(PhotonReported(), Resolved()), new ReopenTicket(TicketId, "red blinks are back", null, "owner"), [], Now);

        var reopened = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<TicketReopened>();
        Given(PhotonReported(), Resolved(), reopened).Status.ShouldBe(TicketStatus.Open);
    }

    [Fact]
    public void Reopening_an_open_ticket_is_refused() =>
        ReopenTicket.Decide(Given(PhotonReported()), new ReopenTicket(TicketId, "why not", null, "owner"), [], Now)
            .Refusal!.Type.ShouldBe(TicketRules.TicketNotResolved);

    [Fact]
    public void Requesting_a_backup_gives_the_owner_the_dfu_util_line_and_waits_for_the_image()
    {
        var decision = RequestBackup.Decide(Given(PhotonReported()), new RequestBackup(TicketId, null, "support"), Now);

        var requested = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<BackupRequested>();
        requested.OwnerEmail.ShouldBe("owner@example.com");
        requested.DfuUtilCommands.ShouldHaveSingleItem().ShouldEndWith($"-U PHOTON_backup_{DeviceId}.bin");
        Given(PhotonReported(), requested).Status.ShouldBe(TicketStatus.AwaitingBackup);
        Given(PhotonReported(), requested, BackupFromEmail()).Status.ShouldBe(TicketStatus.Open);
    }

    [Fact]
    public void A_stream_that_does_not_open_with_a_report_is_rejected() =>
        Should.Throw<InvalidOperationException>(() => Given(BackupFromEmail()));

    [Fact]
    public void A_command_decided_on_an_older_version_is_stale()
    {
        var ticket = Given(PhotonReported(), BackupFromEmail());
        ticket.Version = 2;

        TicketGuards.RefuseIfStale(ticket, new AddNote(TicketId, "x", 1, "support"))!.Refusal!.Type.ShouldBe(TicketRules.StaleVersion);
        TicketGuards.RefuseIfStale(ticket, new AddNote(TicketId, "x", 2, "support")).ShouldBeNull();
        TicketGuards.RefuseIfStale(ticket, new AddNote(TicketId, "x", null, "support")).ShouldBeNull();
    }
}
