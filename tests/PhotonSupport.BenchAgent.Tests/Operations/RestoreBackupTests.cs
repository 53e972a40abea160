using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.BenchAgent.Tests.Dfu;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Operations;

public class RestoreBackupTests
{
    [Theory]
    [MemberData(nameof(OperationMatrix.PlatformsAndScenarios), MemberType = typeof(OperationMatrix))]
    public void Restoring_a_backup_after_regenerating_the_keys_brings_the_original_key_slots_back(Platform platform, string scenario)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        var original = KeySlotsOf(bench, platform);
        var backup = RecoveryOperations.Backup(bench.Session, platform, null, TestContext.Current.CancellationToken).BackupImage!;
        RecoveryOperations.RegenerateDeviceKeys(bench.Session, platform, null, TestContext.Current.CancellationToken);
        KeySlotsOf(bench, platform).DevicePrivateKey.ShouldNotBe(original.DevicePrivateKey);

        RecoveryOperations.RestoreBackup(bench.Session, platform, backup, null, TestContext.Current.CancellationToken);

        KeySlotsOf(bench, platform).ShouldBe(original);
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.PlatformsAndScenarios), MemberType = typeof(OperationMatrix))]
    public void A_restored_device_shows_the_LED_it_arrived_with(Platform platform, string scenario)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        var arrived = bench.Device.LedPattern;
        var backup = RecoveryOperations.Backup(bench.Session, platform, null, TestContext.Current.CancellationToken).BackupImage!;
        RecoveryOperations.RegenerateDeviceKeys(bench.Session, platform, null, TestContext.Current.CancellationToken);

        RecoveryOperations.RestoreBackup(bench.Session, platform, backup, null, TestContext.Current.CancellationToken);

        bench.Device.LedPattern.ShouldBe(arrived);
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.AllPlatforms), MemberType = typeof(OperationMatrix))]
    public void A_backup_of_another_platform_is_refused_before_any_transfer(Platform platform)
    {
        using var bench = OperationMatrix.Bench(platform, "healthy");
        var transfers = bench.Device.TransferCount;
        var wrongSize = new byte[platform == Platform.Core ? 1_048_576 : 2_228_224];

        Should.Throw<InvalidOperationException>(() =>
            RecoveryOperations.RestoreBackup(bench.Session, platform, wrongSize, null, TestContext.Current.CancellationToken));

        bench.Device.TransferCount.ShouldBe(transfers);
    }

    private sealed record Slots(string DevicePrivateKey, string ServerKey);

    private static Slots KeySlotsOf(SimulatedBench bench, Platform platform)
    {
        var slots = KeySlots.For(platform);
        var flash = bench.Device.Memory(1);
        return new Slots(
            Convert.ToHexString(flash.Read(slots.DevicePrivateKey, slots.DevicePrivateKeySize)),
            Convert.ToHexString(flash.Read(slots.ServerKey, slots.ServerKeySize)));
    }
}
