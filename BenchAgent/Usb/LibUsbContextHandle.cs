using Microsoft.Win32.SafeHandles;

namespace PhotonSupport.BenchAgent.Usb;

/// <summary>A libusb context: libusb_exit runs once the last user of it (source or open device) lets go.</summary>
internal sealed class LibUsbContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private LibUsbContextHandle(IntPtr context) : base(ownsHandle: true) => SetHandle(context);

    /// <exception cref="LibUsbUnavailableException">libusb-1.0 is not installed.</exception>
    public static LibUsbContextHandle Create()
    {
        int rc;
        IntPtr context;
        try
        {
            rc = LibUsbNative.Init(out context);
        }
        catch (DllNotFoundException missing)
        {
            // libusb_init is the first call into the library, so this is where a missing package shows.
            throw LibUsbUnavailableException.Because(missing);
        }
        if (rc != LibUsbNative.Success) throw LibUsbErrors.Failed(rc, "initialising libusb");
        return new LibUsbContextHandle(context);
    }

    protected override bool ReleaseHandle()
    {
        LibUsbNative.Exit(handle);
        return true;
    }
}
