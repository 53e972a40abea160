using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;
using static PhotonSupport.Domain.Tests.TicketHistory;

namespace PhotonSupport.Domain.Tests;

/// <summary>A firmware job pins the library binaries it was queued with, and is refused when the library lacks one.</summary>
public class FirmwarePinningSpecs
{
    private static readonly DateTimeOffset Now = Monday.AddDays(1);
    private static readonly Guid JobId = Guid.Parse("0194f5d2-0000-7000-8000-0000000000aa");
    private const string TinkerSha = "9d5ed678fe57bcca610140957afab571a6e91f9d9f5f1f9e0cc3a9a5b4b1a1c4";
    private const string Part1Sha = "1111111111111111111111111111111111111111111111111111111111111111";
    private const string Part2Sha = "2222222222222222222222222222222222222222222222222222222222222222";

    private static FirmwareOnFile LibraryOf(params (string Name, string Sha256)[] binaries) =>
        new(binaries.ToDictionary(b => b.Name, b => b.Sha256));

    private static QueueRecoveryJob Queue(RecoveryJobKind kind) => new(TicketId, JobId, kind.ToString(), null, null, "support");

    [Fact]
    public void Flashing_tinker_pins_the_SHA256_the_library_has_now()
    {
        var decision = QueueRecoveryJob.Decide(Given(PhotonReported(), BackupFromEmail()), Queue(RecoveryJobKind.FlashTinker),
            LibraryOf(("tinker", TinkerSha), ("system-part1", Part1Sha)), Now);

        var queued = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<RecoveryJobQueued>();
        queued.Firmware.ShouldBe([new FirmwarePin("tinker", TinkerSha)]);
        Given(PhotonReported(), BackupFromEmail(), queued).Jobs.Single().Firmware.ShouldBe([new FirmwarePin("tinker", TinkerSha)]);
    }

    [Fact]
    public void A_Photon_system_update_pins_both_system_parts_in_the_order_they_are_written()
    {
        var decision = QueueRecoveryJob.Decide(Given(PhotonReported(), BackupFromEmail()), Queue(RecoveryJobKind.UpdateSystemFirmware),
            LibraryOf(("system-part2", Part2Sha), ("tinker", TinkerSha), ("system-part1", Part1Sha)), Now);

        decision.Events.ShouldHaveSingleItem().ShouldBeOfType<RecoveryJobQueued>().Firmware
            .ShouldBe([new FirmwarePin("system-part1", Part1Sha), new FirmwarePin("system-part2", Part2Sha)]);
    }

    [Fact]
    public void Flashing_tinker_the_library_lacks_is_refused_naming_the_upload_that_fixes_it()
    {
        var decision = QueueRecoveryJob.Decide(Given(PhotonReported(), BackupFromEmail()), Queue(RecoveryJobKind.FlashTinker),
            LibraryOf(("system-part1", Part1Sha)), Now);

        decision.Refusal!.Type.ShouldBe("urn:photonsupport:problem:firmware-not-in-library");
        decision.Refusal.Detail.ShouldContain("load it with PUT /api/firmware/Photon/tinker");
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_system_update_missing_one_part_names_that_part_alone()
    {
        var decision = QueueRecoveryJob.Decide(Given(PhotonReported(), BackupFromEmail()), Queue(RecoveryJobKind.UpdateSystemFirmware),
            LibraryOf(("system-part1", Part1Sha)), Now);

        decision.Refusal!.Detail.ShouldContain("PUT /api/firmware/Photon/system-part2");
        decision.Refusal.Detail.ShouldNotContain("/system-part1");
    }

    [Fact]
    public void A_job_that_writes_no_library_binary_needs_no_library()
    {
        var decision = QueueRecoveryJob.Decide(Given(PhotonReported(), BackupFromEmail()), Queue(RecoveryJobKind.RestoreServerKey), LibraryOf(), Now);

        decision.Events.ShouldHaveSingleItem().ShouldBeOfType<RecoveryJobQueued>().Firmware.ShouldBeNull();
    }

    [Fact]
    public void The_plan_queues_its_tinker_step_pinned_when_the_library_has_tinker()
    {
        var events = CompleteRestoreServerKey(LibraryOf(("tinker", TinkerSha)));

        events.OfType<RecoveryJobQueued>().ShouldHaveSingleItem().Firmware.ShouldBe([new FirmwarePin("tinker", TinkerSha)]);
    }

    [Fact]
    public void The_plan_holds_its_tinker_step_with_a_note_naming_the_upload_when_the_library_lacks_tinker()
    {
        var events = CompleteRestoreServerKey(LibraryOf());

        events.OfType<RecoveryJobQueued>().ShouldBeEmpty();
        events.OfType<ServerKeyRestored>().ShouldHaveSingleItem();
        var note = events.OfType<NoteAdded>().ShouldHaveSingleItem();
        note.Text.ShouldContain("PUT /api/firmware/Photon/tinker");
        note.AddedBy.ShouldBe(CompleteRecoveryJob.PlanActor);
    }

    /// <summary>The seed's Photon plan (backup, server key, tinker), its server-key step just finished on the bench.</summary>
    private static readonly Guid Claim = Guid.Parse("0194f5d2-0000-7000-8000-0000000000c1");

    private static IReadOnlyList<object> CompleteRestoreServerKey(FirmwareOnFile library)
    {
        var ticket = Given(PhotonReported(),
            new DiagnosisRecorded(TicketId, "server key missing", [RecoveryJobKind.Backup, RecoveryJobKind.RestoreServerKey, RecoveryJobKind.FlashTinker],
                "led-pattern:cyan-flash-red-3", "diagnosis-table", Monday),
            BackupFromEmail(),
            new RecoveryJobQueued(TicketId, JobId, RecoveryJobKind.RestoreServerKey, DeviceId, Platform.Photon, "support", Monday.AddHours(2)),
            new RecoveryJobClaimed(TicketId, JobId, Claim, "bench-1", "bench one", 1, Monday.AddHours(4), Monday.AddHours(3)));
        var complete = new CompleteRecoveryJob(TicketId, JobId, Claim, "bench-1", JobOutcome.Succeeded, "done", null, Guid.Parse("0194f5d2-0000-7000-8000-0000000000bb"));

        return CompleteRecoveryJob.Decide(ticket, complete, library, Now).Events;
    }
}
