using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Operations;

public class BackupTests
{
    [Theory]
    [MemberData(nameof(OperationMatrix.PlatformsAndScenarios), MemberType = typeof(OperationMatrix))]
    public void A_backup_is_the_whole_flash_as_the_dfu_util_lines_read_it(Platform platform, string scenario)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        var flash = platform == Platform.Core
            ? [.. bench.Device.Memory(0).Image(), .. bench.Device.Memory(1).Image()]
            : bench.Device.Memory(0).Image();

        var outcome = RecoveryOperations.Backup(bench.Session, platform, null, TestContext.Current.CancellationToken);

        outcome.BackupImage!.Length.ShouldBe(platform == Platform.Core ? 2_228_224 : 1_048_576);
        outcome.BackupImage.ShouldBe(flash);
        bench.Device.HasLeftDfu.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.PlatformsAndScenarios), MemberType = typeof(OperationMatrix))]
    public void A_backup_writes_nothing(Platform platform, string scenario)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        var internalFlash = bench.Device.Memory(0).Image();
        var keyStore = bench.Device.Memory(1).Image();

        RecoveryOperations.Backup(bench.Session, platform, null, TestContext.Current.CancellationToken);

        bench.Device.Memory(0).Image().ShouldBe(internalFlash);
        bench.Device.Memory(1).Image().ShouldBe(keyStore);
    }
}
