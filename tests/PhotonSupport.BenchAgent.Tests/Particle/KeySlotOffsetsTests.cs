using PhotonSupport.BenchAgent.Tests.Operations;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Particle;

/// <summary>
/// The key slot offsets, pinned by the literal numbers of particle-facts.md and particle-cli's keys-specs.js,
/// so that the table the operations, the simulator's factory image and its LED judge all read cannot be
/// wrong for one platform without a test saying so.
/// </summary>
public class KeySlotOffsetsTests
{
    // EC, device private key offset and slot, server key offset and block.
    public static TheoryData<Platform, KeySlots> Documented() => new()
    {
        { Platform.Core, new KeySlots(false, 0x2000, 1024, 0x1000, 2048) },
        { Platform.Photon, new KeySlots(false, 34, 612, 2082, 512) },
        { Platform.P1, new KeySlots(false, 34, 612, 2082, 512) },
        { Platform.Electron, new KeySlots(true, 3106, 192, 3298, 320) },
    };

    [Theory]
    [MemberData(nameof(Documented))]
    public void The_key_slot_table_holds_the_documented_offsets(Platform platform, KeySlots documented)
    {
        KeySlots.For(platform).ShouldBe(documented);
    }

    [Theory]
    [MemberData(nameof(Documented))]
    public void A_factory_device_keeps_its_keys_at_the_documented_offsets(Platform platform, KeySlots documented)
    {
        using var bench = OperationMatrix.Bench(platform, "healthy");
        var published = documented.Ec ? CloudKeys.Published.EcSlot : platform == Platform.Core ? CloudKeys.Published.CoreRsaSlot : CloudKeys.Published.RsaSlot;

        DevicePrivateKeys.PublicKeyOf(bench.Device.Memory(1).Read(documented.DevicePrivateKey, documented.DevicePrivateKeySize))
            .ShouldBe(bench.Device.CloudKnownPublicKeyDer);
        bench.Device.Memory(1).Read(documented.ServerKey, documented.ServerKeySize).ShouldBe(published);
    }

    [Theory]
    [MemberData(nameof(Documented))]
    public void The_LED_reads_the_keys_at_the_documented_offsets(Platform platform, KeySlots documented)
    {
        using var withoutServerKey = OperationMatrix.Bench(platform, "healthy");
        using var withoutDeviceKey = OperationMatrix.Bench(platform, "healthy");

        withoutServerKey.Device.Memory(1).Program(documented.ServerKey, Erased(documented.ServerKeySize));
        withoutDeviceKey.Device.Memory(1).Program(documented.DevicePrivateKey, Erased(documented.DevicePrivateKeySize));

        withoutServerKey.Device.LedPattern.ShouldBe("cyan-flash-red-3");
        withoutDeviceKey.Device.LedPattern.ShouldBe("cyan-flash-red-4");
    }

    private static byte[] Erased(int length)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, (byte)0xFF);
        return bytes;
    }
}
