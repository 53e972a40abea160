using PhotonSupport.BenchAgent.Simulator;
using System.Text;
using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.BenchAgent.Tests.Dfu;
using PhotonSupport.Domain.Devices;
using SimulatorBench = PhotonSupport.BenchAgent.Tests.Simulator.Bench;

namespace PhotonSupport.BenchAgent.Tests.Operations;

public class RestoreServerKeyTests
{
    [Theory]
    [MemberData(nameof(OperationMatrix.PlatformsAndScenarios), MemberType = typeof(OperationMatrix))]
    public void The_server_key_slot_holds_the_cloud_key_then_padding_then_the_published_address_and_default_port(Platform platform, string scenario)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        // particle-facts.md and particle-cli keys-specs.js: where each platform's block sits and how long it is.
        var (slotAt, slotSize, addressAt, portAt, address) = platform switch
        {
            Platform.Core => (0x1000u, 2048, 384, 450, "device.spark.io"),
            // The published UDP file names "$id.udp.particle.io": the firmware puts the device id in for "$id".
            Platform.Electron => (3298u, 320, 192, 258, "$id.udp.particle.io"),
            _ => (2082u, 512, 384, 450, "device.spark.io"),
        };

        Restore(bench, platform);

        var slot = bench.Device.Memory(1).Read(slotAt, slotSize);
        var key = CloudKeyDer(platform);
        slot[..key.Length].ShouldBe(key);
        slot[key.Length..addressAt].ShouldAllBe(b => b == 0xFF);
        slot[addressAt].ShouldBe((byte)1, "address type 1: a domain name");
        slot[addressAt + 1].ShouldBe((byte)address.Length);
        Encoding.ASCII.GetString(slot, addressAt + 2, address.Length).ShouldBe(address);
        slot[portAt..(portAt + 2)].ShouldBe(new byte[] { 0xFF, 0xFF }, "0xFFFF: the protocol's default port");
        slot[(portAt + 2)..].ShouldAllBe(b => b == 0xFF);
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.AllPlatforms), MemberType = typeof(OperationMatrix))]
    public void The_slot_is_the_published_file_particle_cli_writes_byte_for_byte(Platform platform)
    {
        using var bench = OperationMatrix.Bench(platform, "missing-server-key");
        // The files as published (their SHA-256 digests are pinned in PublishedCloudKeysTests).
        var (published, slotAt) = platform switch
        {
            Platform.Core => (SimulatorBench.CloudKeys.CoreRsaSlot, 0x1000u),
            Platform.Electron => (SimulatorBench.CloudKeys.EcSlot, 3298u),
            _ => (SimulatorBench.CloudKeys.RsaSlot, 2082u),
        };

        Restore(bench, platform);

        bench.Device.Memory(1).Read(slotAt, published.Length).ShouldBe(published);
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.PlatformsAndScenarios), MemberType = typeof(OperationMatrix))]
    public void Everything_around_the_server_key_slot_survives_the_sector_erase(Platform platform, string scenario)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        var slots = KeySlots.For(platform);
        var before = bench.Device.Memory(1).Image();

        Restore(bench, platform);

        bench.Device.Memory(1).Image().ShouldDifferOnlyInside(before, slots.ServerKey, slots.ServerKeySize);
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.PlatformsAndScenarios), MemberType = typeof(OperationMatrix))]
    public void A_missing_or_corrupt_server_key_no_longer_flashes_red_and_other_faults_stay_as_they_were(Platform platform, string scenario)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        var before = bench.Device.LedPattern;

        Restore(bench, platform);

        if (scenario is "missing-server-key" or "corrupt-server-key")
        {
            before.ShouldBe("cyan-flash-red-3");
            bench.Device.LedPattern.ShouldBe("breathing-cyan");
        }
        else
        {
            bench.Device.LedPattern.ShouldBe(before);
        }
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.Gen2Platforms), MemberType = typeof(OperationMatrix))]
    public void A_restored_Gen_2_server_key_shows_in_the_active_DCT_copy_of_a_later_backup(Platform platform)
    {
        using var bench = OperationMatrix.Bench(platform, "missing-server-key");
        var (slotAt, slotSize) = platform == Platform.Electron ? (3298, 320) : (2082, 512);

        Restore(bench, platform);
        var backup = RecoveryOperations.Backup(bench.Session, platform, null, TestContext.Current.CancellationToken).BackupImage!;

        // The write moved the DCT from copy 1 (0x4000 into the image) to copy 2 (0x8000) and retired copy 1.
        BackupKeySlotsTests.RetiredCopy1(platform, backup);
        var section = 0x8000 + (platform == Platform.Electron ? 8 : SimulatedDctLayout.CopyHeaderSize);
        backup.AsSpan(section + slotAt, slotSize).ToArray().ShouldBe(bench.Device.Memory(1).Read((uint)slotAt, slotSize));
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.Gen2Platforms), MemberType = typeof(OperationMatrix))]
    public void On_Gen_2_only_the_block_goes_out_through_alt_1_with_no_erase(Platform platform)
    {
        using var bench = WatchedBench.Of(platform, "missing-server-key");

        RecoveryOperations.RestoreServerKey(bench.Session, platform, CloudServer.Particle(platform, SimulatorBench.CloudKeys), null, TestContext.Current.CancellationToken);

        // particle-cli keys-specs.js: a 512-byte RSA block, a 320-byte EC block; the bootloader ignores an erase on alt 1.
        bench.Transport.Erases.ShouldBe(0);
        bench.Transport.DataBytes.ShouldBe(platform == Platform.Electron ? 320 : 512);
    }

    [Fact]
    public void A_private_cloud_key_goes_in_with_its_IPv4_address_and_port()
    {
        using var bench = OperationMatrix.Bench(Platform.Photon, "healthy");
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var key = rsa.ExportSubjectPublicKeyInfo();

        RecoveryOperations.RestoreServerKey(bench.Session, Platform.Photon, new CloudServer(key, "10.1.2.3", 5683), null, TestContext.Current.CancellationToken);

        var slots = KeySlots.For(Platform.Photon);
        var slot = bench.Device.Memory(1).Read(slots.ServerKey, slots.ServerKeySize);
        slot[..key.Length].ShouldBe(key);
        slot[384..389].ShouldBe(new byte[] { 0, 10, 1, 2, 3 }, "address type 0: IPv4, then its four bytes");
        slot[450..452].ShouldBe(new byte[] { 0x16, 0x33 }, "5683, big-endian");
        bench.Device.LedPattern.ShouldBe("cyan-flash-magenta-1", "a key that parses but is not the Particle cloud's");
    }

    private static void Restore(SimulatedBench bench, Platform platform) =>
        RecoveryOperations.RestoreServerKey(bench.Session, platform,
            CloudServer.Particle(platform, SimulatorBench.CloudKeys), null, TestContext.Current.CancellationToken);

    private static byte[] CloudKeyDer(Platform platform)
    {
        var published = platform == Platform.Electron ? SimulatorBench.CloudKeys.EcSlot : SimulatorBench.CloudKeys.RsaSlot;
        return published[..DerLength.Of(published)!.Value];
    }
}
