using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Tests.Usb;

public class LibUsbErrorMapping
{
    [Theory]
    [InlineData(-9, UsbFailure.Stall)]
    [InlineData(-7, UsbFailure.Timeout)]
    [InlineData(-4, UsbFailure.DeviceGone)]
    [InlineData(-3, UsbFailure.AccessDenied)]
    [InlineData(-1, UsbFailure.Other)]
    [InlineData(-6, UsbFailure.Other)]
    [InlineData(-99, UsbFailure.Other)]
    public void Libusb_errors_become_the_failures_the_DFU_engine_acts_on(int code, UsbFailure failure) =>
        LibUsbErrors.FailureOf(code).ShouldBe(failure);

    [Fact]
    public void A_stalled_request_names_the_request_and_libusbs_error()
    {
        var error = LibUsbErrors.Failed(LibUsbNative.ErrorPipe, "DFU GetStatus (wValue 0) to 2b04:d006 at 1-2");

        error.Failure.ShouldBe(UsbFailure.Stall);
        error.Message.ShouldStartWith("DFU GetStatus (wValue 0) to 2b04:d006 at 1-2 failed: LIBUSB_ERROR_PIPE (");
    }

    [Fact]
    public void No_permission_to_open_points_at_the_udev_rule()
    {
        var error = LibUsbErrors.OpenFailed(LibUsbNative.ErrorAccess, "2b04:d006", "1-2");

        error.Failure.ShouldBe(UsbFailure.AccessDenied);
        error.Message.ShouldBe("no permission to open 2b04:d006: install deploy/bench/udev rule or run as root");
    }

    [Fact]
    public void A_busy_interface_suggests_another_program_holds_it() =>
        LibUsbErrors.ClaimFailed(LibUsbNative.ErrorBusy, "2b04:d006", "1-2", 0).Message
            .ShouldBe("2b04:d006 at 1-2 is in use by another program (is dfu-util running?)");

    [Fact]
    public void A_missing_libusb_says_which_package_to_install()
    {
        var missing = new DllNotFoundException("Unable to load shared library 'libusb-1.0'");

        var error = LibUsbUnavailableException.Because(missing);

        error.Message.ShouldBe("libusb-1.0 is not installed: apt-get install libusb-1.0-0");
        error.InnerException.ShouldBeSameAs(missing);
    }
}
