using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Operations;

/// <summary>Before its first write a job asks the device on the port who it is, and writes only to its own device.</summary>
public class DeviceIdentityTests
{
    private const string JobDevice = "0123456789abcdef01234567";

    // What the swapped-on-port fault answers: each hex digit of the job's id taken from f.
    private const string SwappedInDevice = "fedcba9876543210fedcba98";

    [Theory]
    [MemberData(nameof(OperationMatrix.AllPlatforms), MemberType = typeof(OperationMatrix))]
    public void A_device_swapped_on_the_port_is_refused_naming_both_ids_and_nothing_is_written(Platform platform)
    {
        var (device, transport, session) = WatchedBench.Of(platform, "swapped-on-port", JobDevice);
        var internalFlash = device.Memory(0).Image();
        var keyStore = device.Memory(1).Image();

        var refusal = Should.Throw<DfuWrongDeviceException>(() =>
            RecoveryOperations.RestoreServerKey(session, platform, CloudServer.Particle(platform, CloudKeys.Published), null, TestContext.Current.CancellationToken));

        refusal.Message.ShouldContain(JobDevice);
        refusal.Message.ShouldContain(SwappedInDevice);
        transport.Writes.ShouldBe(0, "no erase command and no data block");
        device.Memory(0).Image().ShouldBe(internalFlash);
        device.Memory(1).Image().ShouldBe(keyStore);
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.AllPlatforms), MemberType = typeof(OperationMatrix))]
    public void A_swapped_device_is_not_backed_up_as_the_jobs_device(Platform platform)
    {
        var (_, _, session) = WatchedBench.Of(platform, "swapped-on-port", JobDevice);

        var refusal = Should.Throw<DfuWrongDeviceException>(() =>
            RecoveryOperations.Backup(session, platform, null, TestContext.Current.CancellationToken));

        refusal.Message.ShouldContain(JobDevice);
        refusal.Message.ShouldContain(SwappedInDevice);
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.AllPlatforms), MemberType = typeof(OperationMatrix))]
    public void Firmware_is_not_flashed_to_a_swapped_device(Platform platform)
    {
        var (device, transport, session) = WatchedBench.Of(platform, "swapped-on-port", JobDevice);
        var internalFlash = device.Memory(0).Image();

        Should.Throw<DfuWrongDeviceException>(() =>
            RecoveryOperations.FlashFirmware(session, platform, [SimulatedFirmware.Tinker(platform)], null, TestContext.Current.CancellationToken));

        transport.Writes.ShouldBe(0);
        device.Memory(0).Image().ShouldBe(internalFlash);
        device.HasLeftDfu.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.AllPlatforms), MemberType = typeof(OperationMatrix))]
    public void A_job_on_its_own_device_proceeds(Platform platform)
    {
        var (device, transport, session) = WatchedBench.Of(platform, "missing-server-key", JobDevice);

        RecoveryOperations.RestoreServerKey(session, platform, CloudServer.Particle(platform, CloudKeys.Published), null, TestContext.Current.CancellationToken);

        transport.Writes.ShouldBeGreaterThan(0);
        device.LedPattern.ShouldBe("breathing-cyan");
    }

    [Fact]
    public void A_job_for_another_device_is_refused_on_the_device_that_is_attached()
    {
        var (device, transport, session) = WatchedBench.Of(Platform.Photon, "healthy", "aaaaaaaaaaaaaaaaaaaaaaaa");
        var keyStore = device.Memory(1).Image();

        var refusal = Should.Throw<DfuWrongDeviceException>(() =>
            RecoveryOperations.RegenerateDeviceKeys(session, Platform.Photon, null, TestContext.Current.CancellationToken));

        refusal.Expected.ShouldBe("aaaaaaaaaaaaaaaaaaaaaaaa");
        refusal.Found.ShouldBe(JobDevice);
        transport.Writes.ShouldBe(0);
        device.Memory(1).Image().ShouldBe(keyStore);
    }

    [Fact]
    public void A_device_whose_alt_settings_changed_since_it_was_opened_is_refused()
    {
        // Same serial number, but a Core's layout where a Photon's was: not the device the layouts came from.
        var clock = new VirtualClock();
        var device = new SimulatedDfuDevice(SimulatedDeviceSpec.Parse($"photon:{JobDevice}:healthy"), clock);
        var transport = new TrippingTransport(device, identity: found => found with
        {
            AltSettingNames = ["@Internal Flash  /0x08000000/20*001Ka,108*001Kg", "@SPI Flash : SST25x/0x00000000/512*04Kg"],
        });
        using var session = new DfuSession(transport, clock, JobDevice);
        var keyStore = device.Memory(1).Image();

        var refusal = Should.Throw<DfuWrongDeviceException>(() =>
            RecoveryOperations.RegenerateDeviceKeys(session, Platform.Photon, null, TestContext.Current.CancellationToken));

        refusal.Message.ShouldContain("memory layout changed");
        transport.Writes.ShouldBe(0);
        device.Memory(1).Image().ShouldBe(keyStore);
    }
}
