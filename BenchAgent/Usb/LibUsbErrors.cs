using System.Runtime.InteropServices;

namespace PhotonSupport.BenchAgent.Usb;

/// <summary>libusb_error codes turned into the failures the DFU engine acts on, with messages a bench operator can act on.</summary>
internal static class LibUsbErrors
{
    public static UsbFailure FailureOf(int code) => code switch
    {
        // A STALL handshake is how a Gen 2 bootloader refuses a request (particle-facts.md).
        LibUsbNative.ErrorPipe => UsbFailure.Stall,
        LibUsbNative.ErrorTimeout => UsbFailure.Timeout,
        // Expected after leaving DFU: the device resets and drops off the bus.
        LibUsbNative.ErrorNoDevice => UsbFailure.DeviceGone,
        LibUsbNative.ErrorAccess => UsbFailure.AccessDenied,
        _ => UsbFailure.Other,
    };

    /// <summary>"LIBUSB_ERROR_PIPE (Pipe error)": libusb's own name and text for the code.</summary>
    public static unsafe string Describe(int code) =>
        $"{Marshal.PtrToStringUTF8((IntPtr)LibUsbNative.ErrorName(code))} ({Marshal.PtrToStringUTF8((IntPtr)LibUsbNative.StrError(code))})";

    public static UsbTransferException Failed(int code, string what) =>
        new(FailureOf(code), $"{what} failed: {Describe(code)}");

    public static UsbTransferException OpenFailed(int code, string usbId, string location) => code == LibUsbNative.ErrorAccess
        ? new(UsbFailure.AccessDenied, $"no permission to open {usbId}: install deploy/bench/udev rule or run as root")
        : Failed(code, $"opening {usbId} at {location}");

    public static UsbTransferException ClaimFailed(int code, string usbId, string location, int interfaceNumber) => code == LibUsbNative.ErrorBusy
        ? new(UsbFailure.Other, $"{usbId} at {location} is in use by another program (is dfu-util running?)")
        : Failed(code, $"claiming interface {interfaceNumber} of {usbId} at {location}");
}
