using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Tests.Simulator;

public class FaultTests
{
    private static List<string> Outcomes(Bench bench, int transfers)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < transfers; i++)
        {
            try
            {
                outcomes.Add(bench.Host.GetStatus().State.ToString());
            }
            catch (UsbTransferException e)
            {
                outcomes.Add(e.Failure.ToString());
            }
        }
        return outcomes;
    }

    [Fact]
    public void Flaky_USB_fails_every_Nth_transfer_the_same_way_every_run()
    {
        var first = Outcomes(Bench.Photon("flaky-usb=5"), 40);
        var again = Outcomes(Bench.Photon("flaky-usb=5"), 40);

        again.ShouldBe(first);
        first.Where((_, i) => (i + 1) % 5 == 0).ShouldAllBe(o => o == "Stall" || o == "Timeout");
        first.Where((_, i) => (i + 1) % 5 != 0).ShouldAllBe(o => o == "DfuIdle");
        first.Distinct().Count().ShouldBe(3); // both failure kinds occur
    }

    [Fact]
    public void A_flaky_timeout_costs_the_request_its_whole_timeout()
    {
        var bench = Bench.Photon("flaky-usb=1");
        var outcomes = Outcomes(bench, 10);

        var timeouts = outcomes.Count(o => o == "Timeout");
        timeouts.ShouldBeGreaterThan(0);
        bench.Clock.Elapsed.ShouldBeGreaterThanOrEqualTo(DfuHost.Timeout * timeouts);
    }

    [Fact]
    public void A_device_unplugged_mid_write_is_gone_for_every_later_request()
    {
        var source = new SimulatedDeviceSource(new VirtualClock());
        var device = source.Add($"photon:{Bench.DeviceId}:unplug-mid-write=2");
        var host = new DfuHost(device);
        var listedBefore = source.List();
        host.Erase(0x080C0000);
        host.SetAddress(0x080C0000);
        host.Complete(2, new byte[4096]);
        host.Complete(3, new byte[4096]);

        Should.Throw<UsbTransferException>(() => host.Download(4, new byte[4096])).Failure.ShouldBe(UsbFailure.DeviceGone);

        Should.Throw<UsbTransferException>(() => host.GetStatus()).Failure.ShouldBe(UsbFailure.DeviceGone);
        device.IsOnBus.ShouldBeFalse();
        device.Memory(0).Read(0x080C0000 + 2 * 4096, 4).ShouldAllBe(b => b == 0xFF);
        listedBefore.ShouldHaveSingleItem();
        source.List().ShouldBeEmpty();
    }

    [Fact]
    public void A_stuck_device_answers_DNBUSY_for_ever_after_a_command()
    {
        var bench = Bench.Photon("stuck-busy");
        bench.Host.Download(0, DfuHost.AddressCommand(DfuseCommand.SetAddressPointer, 0x08020000));

        var states = Enumerable.Range(0, 100).Select(_ => bench.Host.GetStatus().State).ToList();

        states.ShouldAllBe(s => s == DfuState.DfuDownloadBusy);
        bench.Host.Abort();
        bench.Host.GetStatus().State.ShouldBe(DfuState.DfuIdle);
    }

    [Fact]
    public void An_erase_that_silently_fails_reports_success_and_leaves_the_data()
    {
        var bench = Bench.Photon("erase-silently-fails");
        var before = bench.Device.Memory(0).Read(0x080A0000, 256);

        bench.Host.Erase(0x080A0000).ShouldBe(DfuState.DfuDownloadIdle);

        bench.Device.Memory(0).Read(0x080A0000, 256).ShouldBe(before);
        before.ShouldNotBe(Enumerable.Repeat((byte)0xFF, 256).ToArray());
    }
}
