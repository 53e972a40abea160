using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Tests.Dfu;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Operations;

public class FlashFirmwareTests
{
    [Theory]
    [MemberData(nameof(OperationMatrix.PlatformsAndScenarios), MemberType = typeof(OperationMatrix))]
    public void Tinker_lands_at_the_user_application_address_and_the_device_leaves_DFU(Platform platform, string scenario)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        var tinker = SimulatedFirmware.Tinker(platform);

        Flash(bench, platform, tinker);

        bench.Device.Memory(0).Read(OperationMatrix.UserApp(platform), tinker.Length).ShouldBe(tinker);
        bench.Device.HasLeftDfu.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.PlatformsAndScenarios), MemberType = typeof(OperationMatrix))]
    public void Tinker_ends_safe_mode_and_leaves_other_faults_as_they_were(Platform platform, string scenario)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        var before = bench.Device.LedPattern;

        Flash(bench, platform, SimulatedFirmware.Tinker(platform));

        bench.Device.ShownLedPattern.ShouldBe(scenario == "safe-mode" ? "breathing-cyan" : before);
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.Gen2Platforms), MemberType = typeof(OperationMatrix))]
    public void Matching_system_parts_end_the_SOS_after_a_partial_update(Platform platform)
    {
        using var bench = OperationMatrix.Bench(platform, "sos-after-update");
        var parts = Enumerable.Range(1, platform == Platform.Electron ? 3 : 2)
            .Select(i => SimulatedFirmware.SystemPart(platform, (byte)i)).ToArray();
        bench.Device.LedPattern.ShouldStartWith("sos");

        Flash(bench, platform, parts);

        bench.Device.ShownLedPattern.ShouldBe("breathing-cyan");
    }

    [Fact]
    public void A_Core_waits_in_magenta_after_the_CC3000_patch_and_breathes_cyan_once_Tinker_is_back()
    {
        using var bench = OperationMatrix.Bench(Platform.Core, "cc3000-outdated");
        bench.Device.LedPattern.ShouldBe("cyan-flash-green");

        Flash(bench, Platform.Core, SimulatedFirmware.Cc3000PatchProgrammer());
        bench.Device.ShownLedPattern.ShouldBe("magenta");

        bench.Device.ReenterDfu();
        using var again = new DfuSession(bench.Device, bench.Clock);
        RecoveryOperations.FlashFirmware(again, Platform.Core, [SimulatedFirmware.Tinker(Platform.Core)], null, TestContext.Current.CancellationToken);

        bench.Device.ShownLedPattern.ShouldBe("breathing-cyan");
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.AllPlatforms), MemberType = typeof(OperationMatrix))]
    public void A_binary_for_another_platform_is_refused_before_any_transfer(Platform platform)
    {
        using var bench = OperationMatrix.Bench(platform, "safe-mode");
        var other = platform == Platform.Photon ? Platform.P1 : Platform.Photon;
        var transfers = bench.Device.TransferCount;

        var refusal = Should.Throw<InvalidOperationException>(() => Flash(bench, platform, SimulatedFirmware.Tinker(other)));

        refusal.Message.ShouldContain($"not a {platform} module");
        bench.Device.TransferCount.ShouldBe(transfers);
        bench.Device.HasLeftDfu.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.AllPlatforms), MemberType = typeof(OperationMatrix))]
    public void A_device_unplugged_mid_write_is_reported_with_the_phase_and_the_block_address(Platform platform)
    {
        using var bench = OperationMatrix.Bench(platform, "safe-mode", "unplug-mid-write=1");
        var secondBlock = OperationMatrix.UserApp(platform) + (uint)bench.Session.TransferSize;

        var gone = Should.Throw<DfuDeviceGoneException>(() => Flash(bench, platform, SimulatedFirmware.Tinker(platform)));

        gone.Phase.ShouldBe("write");
        gone.Message.ShouldContain("write");
        gone.Message.ShouldContain($"0x{secondBlock:x8}");
        bench.Device.HasLeftDfu.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.AllPlatforms), MemberType = typeof(OperationMatrix))]
    public void An_erase_that_silently_fails_is_caught_by_the_read_back_and_the_device_stays_in_DFU(Platform platform)
    {
        using var bench = OperationMatrix.Bench(platform, "healthy", "erase-silently-fails");
        var other = SimulatedFirmware.UserApp(platform, "owner app");
        var start = OperationMatrix.UserApp(platform);

        var mismatch = Should.Throw<DfuVerifyException>(() => Flash(bench, platform, other));

        mismatch.Address.ShouldBeInRange(start, start + (uint)other.Length - 1);
        mismatch.Message.ShouldContain($"0x{mismatch.Address:x8}");
        mismatch.Actual.ShouldBe(bench.Device.Memory(0).Read(mismatch.Address, 1)[0]);
        bench.Device.HasLeftDfu.ShouldBeFalse();
    }

    private static void Flash(SimulatedBench bench, Platform platform, params byte[][] binaries) =>
        RecoveryOperations.FlashFirmware(bench.Session, platform, binaries, null, TestContext.Current.CancellationToken);
}
