using System.Security.Cryptography;
using PhotonSupport.Domain.Backups;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;
using static PhotonSupport.Domain.Tests.TicketHistory;

namespace PhotonSupport.Domain.Tests;

/// <summary>Which images count as a backup, which one a restore writes back, and who took a copy.</summary>
public class BackupCustodySpecs
{
    private static readonly DateTimeOffset Now = Monday.AddDays(1);
    private static readonly Guid Older = Guid.Parse("0194f5d2-0000-7000-8000-0000000000e1");
    private static readonly Guid Newer = Guid.Parse("0194f5d2-0000-7000-8000-0000000000e2");
    private static readonly Guid Keyless = Guid.Parse("0194f5d2-0000-7000-8000-0000000000e3");

    private static QueueRecoveryJob Restore(Guid? backupId = null, string? waiver = null) =>
        new(TicketId, Guid.NewGuid(), nameof(RecoveryJobKind.RestoreBackup), waiver, null, "support", BackupId: backupId);

    private static UploadBackup Upload(byte[] image) => new(TicketId, Guid.NewGuid(), image, BackupSource.Staff, "PHOTON_backup.bin", "support");

    /// <summary>A whole Photon flash is 1,048,576 bytes (particle-facts.md); erased flash reads 0xFF.</summary>
    private static byte[] ErasedPhotonFlash() => Enumerable.Repeat((byte)0xFF, 1_048_576).ToArray();

    [Fact]
    public void An_erased_image_of_the_right_size_is_filed_but_is_no_backup_of_the_device()
    {
        var decision = UploadBackup.Decide(Given(PhotonReported()), Upload(ErasedPhotonFlash()), Now);

        var received = decision.Events.OfType<BackupReceived>().ShouldHaveSingleItem();
        received.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(ErasedPhotonFlash())));
        decision.Events.OfType<BackupAnalyzed>().ShouldHaveSingleItem().Findings.HoldsDeviceKey.ShouldBeFalse();
        var ticket = Given([PhotonReported(), .. decision.Events]);
        ticket.HasBackupOnFile.ShouldBeFalse();
        QueueRecoveryJob.Decide(ticket, new QueueRecoveryJob(TicketId, Guid.NewGuid(), "RestoreServerKey", null, null, "support"), Library, Now)
            .Refusal!.Type.ShouldBe(TicketRules.BackupRequired);
    }

    [Fact]
    public void An_image_whose_analysis_found_the_device_key_satisfies_the_backup_first_rule() =>
        QueueRecoveryJob.Decide(Given(PhotonReported(), BackupFromEmail()), new QueueRecoveryJob(TicketId, Guid.NewGuid(), "RestoreServerKey", null, null, "support"),
            Library, Now).IsRefused.ShouldBeFalse();

    [Fact]
    public void An_image_with_its_server_key_erased_confirms_a_plan_that_restores_it()
    {
        var device = BackupImages.Rsa1024("custody");
        var image = BackupImages.Photon(device.PrivateDer, device.PublicDer, serverBlock: null);

        // Reported as cyan then three red: the LED table's plan is Backup, RestoreServerKey, FlashTinker.
        var diagnosis = UploadBackup.Decide(Given(PhotonReported(), LedDiagnosis()), Upload(image), Now).Events.OfType<DiagnosisRecorded>().ShouldHaveSingleItem();

        diagnosis.Cause.ShouldContain("server public key");
        diagnosis.Plan.ShouldBe([RecoveryJobKind.Backup, RecoveryJobKind.RestoreServerKey, RecoveryJobKind.FlashTinker]);
        diagnosis.RecordedBy.ShouldBe("forensics");
    }

    [Fact]
    public void An_image_with_its_server_key_erased_changes_a_plan_that_lacks_the_restore()
    {
        var device = BackupImages.Rsa1024("custody");
        var image = BackupImages.Photon(device.PrivateDer, device.PublicDer, serverBlock: null);
        var unknown = new DiagnosisRecorded(TicketId, "unknown", [RecoveryJobKind.Backup], "led-pattern:other", "diagnosis-table", Monday);

        var diagnosis = UploadBackup.Decide(Given(PhotonReported(), unknown), Upload(image), Now).Events.OfType<DiagnosisRecorded>().ShouldHaveSingleItem();

        diagnosis.Plan.ShouldBe([RecoveryJobKind.Backup, RecoveryJobKind.RestoreServerKey]);
    }

    [Fact]
    public void An_image_with_both_keys_in_place_names_no_cause()
    {
        var device = BackupImages.Rsa1024("custody");
        var image = BackupImages.Photon(device.PrivateDer, device.PublicDer, BackupImages.PublishedRsaBlock);

        UploadBackup.Decide(Given(PhotonReported(), LedDiagnosis()), Upload(image), Now).Events.OfType<DiagnosisRecorded>().ShouldBeEmpty();
    }

    private static DiagnosisRecorded LedDiagnosis() => new(TicketId, "server public key missing or corrupt",
        [RecoveryJobKind.Backup, RecoveryJobKind.RestoreServerKey, RecoveryJobKind.FlashTinker], "led-pattern:cyan-flash-red-3", "diagnosis-table", Monday);

    [Fact]
    public void The_same_image_twice_is_filed_once()
    {
        var first = UploadBackup.Decide(Given(PhotonReported()), Upload(ErasedPhotonFlash()), Now);

        UploadBackup.Decide(Given([PhotonReported(), .. first.Events]), Upload(ErasedPhotonFlash()), Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void The_same_image_is_filed_again_once_its_bytes_were_purged()
    {
        var first = UploadBackup.Decide(Given(PhotonReported()), Upload(ErasedPhotonFlash()), Now);
        var received = first.Events.OfType<BackupReceived>().Single();
        var purged = new BackupPurged(TicketId, received.BackupId, received.Sha256, "retention", "system", Now);

        UploadBackup.Decide(Given([PhotonReported(), .. first.Events, purged]), Upload(ErasedPhotonFlash()), Now).Events.OfType<BackupReceived>().ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData(Platform.Photon, 1_048_575, "1,048,576 bytes")]
    [InlineData(Platform.Electron, 2_097_152, "1,048,576 bytes")]
    [InlineData(Platform.Core, 1_048_576, "131,072 bytes or 2,097,152 bytes or 2,228,224 bytes")]
    public void An_image_of_another_size_is_refused_naming_the_sizes_a_backup_has(Platform platform, int size, string expected)
    {
        var decision = UploadBackup.Decide(Given(PhotonReported(platform)), Upload(new byte[size]), Now);

        decision.Refusal!.Type.ShouldBe(TicketRules.BackupSizeNotAccepted);
        decision.Refusal.Detail.ShouldContain(expected);
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_restore_without_a_named_image_writes_back_the_newest_that_holds_the_device_key()
    {
        var ticket = Given(PhotonReported(),
            Backup(BackupSource.Email, Older, KeysInPlace, new string('1', 64), Monday.AddHours(1)),
            Backup(BackupSource.Bench, Newer, KeysInPlace, new string('2', 64), Monday.AddHours(2)),
            Backup(BackupSource.Staff, Keyless, NoKeys, new string('3', 64), Monday.AddHours(3)));

        QueueRecoveryJob.Decide(ticket, Restore(), Library, Now).Events.OfType<RecoveryJobQueued>().Single().BackupId.ShouldBe(Newer);
        QueueRecoveryJob.Decide(ticket, Restore(Older), Library, Now).Events.OfType<RecoveryJobQueued>().Single().BackupId.ShouldBe(Older);
    }

    [Fact]
    public void A_restore_of_a_keyless_image_is_refused_even_when_another_holds_keys()
    {
        var ticket = Given(PhotonReported(), BackupFromEmail(), Backup(BackupSource.Staff, Keyless, NoKeys, new string('3', 64)));

        var decision = QueueRecoveryJob.Decide(ticket, Restore(Keyless), Library, Now);

        decision.Refusal!.Type.ShouldBe(TicketRules.BackupNotRestorable);
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_restore_with_only_keyless_images_is_refused_even_with_a_waiver() =>
        QueueRecoveryJob.Decide(Given(PhotonReported(), Backup(BackupSource.Staff, Keyless, NoKeys, new string('3', 64))), Restore(waiver: "owner agreed"),
            Library, Now).Refusal!.Type.ShouldBe(TicketRules.BackupNotRestorable);

    [Fact]
    public void A_restore_naming_an_image_of_another_ticket_is_refused() =>
        QueueRecoveryJob.Decide(Given(PhotonReported(), BackupFromEmail()), Restore(Guid.NewGuid()), Library, Now)
            .Refusal!.Type.ShouldBe(TicketRules.BackupNotFound);

    [Fact]
    public void Only_a_restore_names_a_backup() =>
        new QueueRecoveryJobValidator().Validate(new QueueRecoveryJob(TicketId, Guid.NewGuid(), "FlashTinker", null, null, "support", BackupId: BackupId))
            .Errors.ShouldHaveSingleItem().PropertyName.ShouldBe(nameof(QueueRecoveryJob.BackupId));

    [Fact]
    public void A_download_is_recorded_with_who_and_why_even_on_a_resolved_ticket() =>
        RecordBackupDownload.Decide(Given(PhotonReported(), BackupFromEmail(), Resolved()), new RecordBackupDownload(TicketId, BackupId, "forensics by hand", "lead"), Now)
            .Events.ShouldHaveSingleItem().ShouldBe(new BackupDownloaded(TicketId, BackupId, "forensics by hand", "lead", Now));

    [Fact]
    public void A_download_of_a_purged_image_is_refused()
    {
        var purged = new BackupPurged(TicketId, BackupId, new string('a', 64), "retention", "system", Now);

        RecordBackupDownload.Decide(Given(PhotonReported(), BackupFromEmail(), Resolved(), purged), new RecordBackupDownload(TicketId, BackupId, "why", "lead"), Now)
            .Refusal!.Type.ShouldBe(TicketRules.BackupPurged);
    }

    [Fact]
    public void A_download_needs_a_reason() =>
        new RecordBackupDownloadValidator().Validate(new RecordBackupDownload(TicketId, BackupId, "", "lead")).Errors
            .ShouldHaveSingleItem().PropertyName.ShouldBe(nameof(RecordBackupDownload.Reason));

    [Fact]
    public void A_purged_image_no_longer_counts_as_a_backup_on_file() =>
        Given(PhotonReported(), BackupFromEmail(), new BackupPurged(TicketId, BackupId, new string('a', 64), "retention", "system", Now))
            .HasBackupOnFile.ShouldBeFalse();
}
