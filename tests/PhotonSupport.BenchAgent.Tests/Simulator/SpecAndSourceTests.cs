using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Simulator;

public class SpecAndSourceTests
{
    [Fact]
    public void A_spec_names_platform_device_scenario_and_faults()
    {
        var spec = SimulatedDeviceSpec.Parse("Electron:0123456789ABCDEF01234567:wrong-device-key:flaky-usb=9:stuck-busy");

        spec.Platform.ShouldBe(Platform.Electron);
        spec.DeviceId.ShouldBe("0123456789abcdef01234567");
        spec.Scenario.ShouldBe(SimulatorScenario.WrongDeviceKey);
        spec.Faults.FlakyEvery.ShouldBe(9);
        spec.Faults.StuckBusy.ShouldBeTrue();
        spec.Faults.UnplugAfterDataBlocks.ShouldBeNull();
    }

    [Fact]
    public void A_device_swapped_on_the_port_is_listed_as_the_original_and_answers_as_another_once_opened()
    {
        var source = new SimulatedDeviceSource(new VirtualClock());
        source.Add($"photon:{Bench.DeviceId}:swapped-on-port").Spec.Faults.SwappedOnPort.ShouldBeTrue();
        var listed = source.List().ShouldHaveSingleItem();

        using var opened = source.Open(listed);
        var identity = opened.ReadIdentity();

        listed.SerialNumber.ShouldBe(Bench.DeviceId);
        identity.SerialNumber.ShouldBe("fedcba9876543210fedcba98");
        identity.AltSettingNames.ShouldBe(opened.AltSettingNames);
    }

    [Fact]
    public void A_spec_without_a_scenario_is_a_healthy_device_without_faults()
    {
        var spec = SimulatedDeviceSpec.Parse($"p1:{Bench.DeviceId}");

        spec.Scenario.ShouldBe(SimulatorScenario.Healthy);
        spec.Faults.ShouldBe(SimulatorFaults.None);
        spec.ToString().ShouldBe($"p1:{Bench.DeviceId}:healthy");
    }

    [Theory]
    [InlineData("photon")]
    [InlineData("toaster:0123456789abcdef01234567")]
    [InlineData("photon:0123")]
    [InlineData("photon:0123456789abcdef01234567:on-fire")]
    [InlineData("photon:0123456789abcdef01234567:flaky-usb=0")]
    [InlineData("photon:0123456789abcdef01234567:cc3000-outdated")]
    [InlineData("core:0123456789abcdef01234567:sos-after-update")]
    public void A_spec_that_names_no_possible_device_is_refused(string text)
    {
        Should.Throw<FormatException>(() => SimulatedDeviceSpec.Parse(text));
    }

    [Fact]
    public void The_source_lists_devices_in_DFU_and_opens_them_once_at_a_time()
    {
        var source = new SimulatedDeviceSource(new VirtualClock());
        source.Add($"photon:{Bench.DeviceId}");
        source.Add("core:aaaaaaaaaaaaaaaaaaaaaaaa:cc3000-outdated");

        var listed = source.List();
        using var opened = source.Open(listed[1]);

        listed.Select(d => d.UsbId).ShouldBe(["2b04:d006", "1d50:607f"]);
        opened.Device.SerialNumber.ShouldBe("aaaaaaaaaaaaaaaaaaaaaaaa");
        Should.Throw<UsbTransferException>(() => source.Open(listed[1])).Failure.ShouldBe(UsbFailure.AccessDenied);
    }

    [Fact]
    public void A_device_that_left_DFU_drops_off_the_list()
    {
        var clock = new VirtualClock();
        var source = new SimulatedDeviceSource(clock);
        var device = source.Add($"photon:{Bench.DeviceId}");
        var host = new DfuHost(source.Open(source.List()[0]));

        host.Download(0, []);
        host.GetStatus();
        clock.Sleep(TimeSpan.FromSeconds(1));

        source.List().ShouldBeEmpty();
        device.ShownLedPattern.ShouldBe("breathing-cyan");
    }

    [Fact]
    public void The_same_device_cannot_be_plugged_in_twice()
    {
        var source = new SimulatedDeviceSource(new VirtualClock());
        source.Add($"photon:{Bench.DeviceId}");

        Should.Throw<ArgumentException>(() => source.Add($"p1:{Bench.DeviceId}"));
    }
}
