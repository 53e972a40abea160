using PhotonSupport.BenchAgent.Cli;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Tests.Usb;

/// <summary>The real libusb-1.0 (test.sh installs it); the machine running the tests has no Particle device attached.</summary>
public class LibUsbOnThisMachine
{
    [Fact]
    public void Libusb_initialises_and_finds_no_DFU_device()
    {
        using var source = new LibUsbDeviceSource();

        source.List().ShouldBeEmpty();
    }

    [Fact]
    public void The_list_command_says_no_DFU_devices_are_attached()
    {
        using var source = new LibUsbDeviceSource();
        var output = new StringWriter();

        ListCommand.Run([source], output).ShouldBe(0);

        output.ToString().ShouldBe("No DFU devices attached." + Environment.NewLine);
    }

    [Fact]
    public void Opening_a_device_that_is_not_attached_reports_it_gone()
    {
        using var source = new LibUsbDeviceSource();

        var error = Should.Throw<UsbTransferException>(() =>
            source.Open(new DfuDeviceInfo(0x2b04, 0xd006, "3C002B000347343339373536", "1-2")));

        error.Failure.ShouldBe(UsbFailure.DeviceGone);
        error.Message.ShouldBe("2b04:d006 at 1-2 is no longer attached");
    }
}
