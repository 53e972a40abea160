using System.Text;
using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.BenchAgent.Particle;
using PhotonSupport.BenchAgent.Tests.Dfu;
using PhotonSupport.Domain.Devices;
using SimulatorBench = PhotonSupport.BenchAgent.Tests.Simulator.Bench;

namespace PhotonSupport.BenchAgent.Tests.Operations;

public class RestoreServerKeyTests
{
    [Theory]
    [MemberData(nameof(OperationMatrix.PlatformsAndScenarios), MemberType = typeof(OperationMatrix))]
    public void The_server_key_slot_holds_the_cloud_key_then_padding_then_the_address_and_default_port(Platform platform, string scenario)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        var slots = KeySlots.For(platform);

        Restore(bench, platform);

        var slot = bench.Device.Memory(1).Read(slots.ServerKey, slots.ServerKeySize);
        var key = CloudKeyDer(platform);
        var (addressAt, portAt, address) = slots.Ec
            ? (192, 258, $"{SimulatedBench.DeviceId}.udp.particle.io")
            : (384, 450, "device.spark.io");
        slot[..key.Length].ShouldBe(key);
        slot[key.Length..addressAt].ShouldAllBe(b => b == 0xFF);
        slot[addressAt].ShouldBe((byte)1, "address type 1: a domain name");
        slot[addressAt + 1].ShouldBe((byte)address.Length);
        Encoding.ASCII.GetString(slot, addressAt + 2, address.Length).ShouldBe(address);
        slot[portAt..(portAt + 2)].ShouldBe(new byte[] { 0xFF, 0xFF }, "0xFFFF: the protocol's default port");
        slot[(portAt + 2)..].ShouldAllBe(b => b == 0xFF);
    }

    [Theory]
    [InlineData(Platform.Core)]
    [InlineData(Platform.Photon)]
    [InlineData(Platform.P1)]
    public void An_RSA_slot_begins_with_the_published_block_particle_cli_writes(Platform platform)
    {
        using var bench = OperationMatrix.Bench(platform, "missing-server-key");
        var slots = KeySlots.For(platform);

        Restore(bench, platform);

        var published = platform == Platform.Core ? SimulatorBench.CloudKeys.CoreRsaSlot : SimulatorBench.CloudKeys.RsaSlot;
        var slot = bench.Device.Memory(1).Read(slots.ServerKey, slots.ServerKeySize);
        slot[..published.Length].ShouldBe(published);
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
        var slots = KeySlots.For(platform);

        Restore(bench, platform);
        var backup = RecoveryOperations.Backup(bench.Session, platform, null, TestContext.Current.CancellationToken).BackupImage!;

        var section = (int)(DctLayout.Copy1Address - 0x08000000) + DctLayout.Copy1HeaderSize;
        backup.AsSpan(section + (int)slots.ServerKey, slots.ServerKeySize).ToArray()
            .ShouldBe(bench.Device.Memory(1).Read(slots.ServerKey, slots.ServerKeySize));
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
            CloudServer.Particle(platform, SimulatedBench.DeviceId, SimulatorBench.CloudKeys), null, TestContext.Current.CancellationToken);

    private static byte[] CloudKeyDer(Platform platform)
    {
        var published = platform == Platform.Electron ? SimulatorBench.CloudKeys.EcSlot : SimulatorBench.CloudKeys.RsaSlot;
        return published[..DerLength.Of(published)!.Value];
    }
}
