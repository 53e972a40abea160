using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Operations;

public class BackupKeySlotsTests
{
    [Fact]
    public void An_Electron_backup_without_an_RSA_key_gives_its_EC_key_slots()
    {
        using var bench = OperationMatrix.Bench(Platform.Electron, "healthy");
        var backup = RecoveryOperations.Backup(bench.Session, Platform.Electron, null, TestContext.Current.CancellationToken).BackupImage!;
        // The factory DCT is in copy 1 (0x4000 into the image), its data after the DCD's 8-byte header
        // (device-os services/inc/dcd.h: watermark, seal).
        var section = 0x4000 + 8;
        backup.AsSpan(section + 34, 1216).Fill(0xFF);

        var slots = BackupKeySlots.Find(Platform.Electron, backup);

        // particle-facts.md: EC device private key at 3106 (192 bytes), EC server key at 3298 (320 bytes).
        slots.Select(s => s.Offset).ShouldBe([3106u, 3298u]);
        slots[0].Bytes.ShouldBe(bench.Device.Memory(1).Read(3106, 192));
        slots[1].Bytes.ShouldBe(bench.Device.Memory(1).Read(3298, 320));
        DevicePrivateKeys.StartsEcPrivateKey(slots[0].Bytes).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.Gen2Platforms), MemberType = typeof(OperationMatrix))]
    public void A_backup_taken_while_copy_2_is_active_restores_the_keys_it_held(Platform platform)
    {
        using var bench = OperationMatrix.Bench(platform, "healthy");
        RecoveryOperations.RegenerateDeviceKeys(bench.Session, platform, null, TestContext.Current.CancellationToken);
        var (slot, size) = platform == Platform.Electron ? (3106u, 192) : (34u, 612);
        var regenerated = bench.Device.Memory(1).Read(slot, size);
        var backup = RecoveryOperations.Backup(bench.Session, platform, null, TestContext.Current.CancellationToken).BackupImage!;
        RetiredCopy1(platform, backup);
        RecoveryOperations.RegenerateDeviceKeys(bench.Session, platform, null, TestContext.Current.CancellationToken);

        RecoveryOperations.RestoreBackup(bench.Session, platform, backup, null, TestContext.Current.CancellationToken);

        bench.Device.Memory(1).Read(slot, size).ShouldBe(regenerated);
    }

    /// <summary>
    /// The DCT moved to copy 2: copy 1 is erased (Photon, P1: WICED) or, on the Electron, keeps its older
    /// data under the DCD's "invalid" seal 0x69A00C00 (services/inc/dcd.h).
    /// </summary>
    internal static void RetiredCopy1(Platform platform, byte[] backup)
    {
        if (platform == Platform.Electron)
            backup.AsSpan(0x4004, 4).ToArray().ShouldBe(new byte[] { 0x00, 0x0C, 0xA0, 0x69 });
        else
            backup.AsSpan(0x4000, 0x4000).ToArray().ShouldAllBe(b => b == 0xFF);
    }
}
