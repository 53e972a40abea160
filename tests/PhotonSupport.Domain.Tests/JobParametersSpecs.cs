using PhotonSupport.Domain.Agents;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;
using static PhotonSupport.Domain.Tests.TicketHistory;

namespace PhotonSupport.Domain.Tests;

/// <summary>The job parameters the Api writes are the ones the agent reads back, under the names the wire has always used.</summary>
public class JobParametersSpecs
{
    private static readonly Guid JobId = Guid.Parse("0194f5d2-0000-7000-8000-0000000000aa");

    [Fact]
    public void A_private_cloud_job_names_its_key_address_and_port_and_the_agent_reads_them_back()
    {
        var key = new byte[] { 0x30, 0x59, 0x30, 0x13 };
        var queued = new RecoveryJobQueued(TicketId, JobId, RecoveryJobKind.RestoreServerKey, DeviceId, Platform.Photon, "support", Monday,
            new PrivateCloud(key, "cloud.example.com", 5683));
        var ticket = Given(PhotonReported(), BackupFromEmail(), queued);

        var parameters = JobParameters.For(ticket, ticket.Job(JobId)!);

        parameters.ShouldBe(new Dictionary<string, string>
        {
            ["serverKey"] = "MFkwEw==", ["serverAddress"] = "cloud.example.com", ["serverPort"] = "5683",
        }, ignoreOrder: true);
        JobParameters.Cloud(parameters).ShouldBeEquivalentTo(new PrivateCloud(key, "cloud.example.com", 5683));
    }

    [Fact]
    public void A_job_for_the_Particle_cloud_names_no_private_cloud() =>
        JobParameters.Cloud(new Dictionary<string, string> { ["firmware"] = "tinker" }).ShouldBeNull();

    [Fact]
    public void Firmware_names_and_their_pinned_digests_are_read_in_order()
    {
        var parameters = new Dictionary<string, string>
        {
            ["firmware"] = "system-part1,system-part2", ["firmwareSha256"] = $"{new string('a', 64)}, {new string('b', 64)}",
        };

        JobParameters.FirmwareNames(parameters).ShouldBe(["system-part1", "system-part2"]);
        JobParameters.FirmwareDigests(parameters).ShouldBe([new string('a', 64), new string('b', 64)]);
        JobParameters.FirmwareDigests(new Dictionary<string, string>()).ShouldBeEmpty();
    }

    [Fact]
    public void A_restore_job_tells_the_agent_the_digest_of_the_image_it_names()
    {
        var later = Guid.Parse("0194f5d2-0000-7000-8000-0000000000b2");
        var queued = new RecoveryJobQueued(TicketId, JobId, RecoveryJobKind.RestoreBackup, DeviceId, Platform.Photon, "support", Monday.AddHours(2),
            BackupId: BackupId);
        var ticket = Given(PhotonReported(), BackupFromEmail(), Backup(BackupSource.Staff, later, KeysInPlace, new string('b', 64)), queued);

        JobParameters.BackupDigest(JobParameters.For(ticket, ticket.Job(JobId)!)).ShouldBe(new string('a', 64));
    }
}
