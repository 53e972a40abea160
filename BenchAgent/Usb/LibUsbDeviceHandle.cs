using System.Text;
using Microsoft.Win32.SafeHandles;

namespace PhotonSupport.BenchAgent.Usb;

/// <summary>
/// An open libusb device. Releasing it gives back the claimed interface (so libusb re-attaches a
/// kernel driver it auto-detached) before libusb_close, and only then lets go of the context:
/// libusb_exit must not run while a device of that context is still open.
/// </summary>
internal sealed class LibUsbDeviceHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly LibUsbContextHandle _context;
    private int _claimedInterface = -1;

    private LibUsbDeviceHandle(LibUsbContextHandle context, IntPtr handle) : base(ownsHandle: true)
    {
        var added = false;
        context.DangerousAddRef(ref added);
        _context = context;
        SetHandle(handle);
    }

    /// <returns>A libusb_error; <paramref name="opened"/> is set only on success.</returns>
    public static int TryOpen(LibUsbContextHandle context, IntPtr device, out LibUsbDeviceHandle? opened)
    {
        opened = null;
        var rc = LibUsbNative.Open(device, out var handle);
        if (rc == LibUsbNative.Success) opened = new LibUsbDeviceHandle(context, handle);
        return rc;
    }

    /// <returns>A libusb_error from libusb_claim_interface.</returns>
    public int Claim(int interfaceNumber)
    {
        var rc = LibUsbNative.ClaimInterface(this, interfaceNumber);
        if (rc == LibUsbNative.Success) _claimedInterface = interfaceNumber;
        return rc;
    }

    /// <summary>A string descriptor in ASCII (libusb turns other characters into '?'); index 0 means none.</summary>
    public unsafe string ReadString(byte index, string what)
    {
        if (index == 0) return "";
        // A string descriptor is at most 255 bytes, two per character after the 2-byte header.
        var buffer = stackalloc byte[256];
        var rc = LibUsbNative.GetStringDescriptorAscii(this, index, buffer, 256);
        if (rc < 0) throw LibUsbErrors.Failed(rc, $"reading {what}");
        return Encoding.ASCII.GetString(buffer, rc);
    }

    protected override bool ReleaseHandle()
    {
        // Nothing can be done about a failed release at this point: libusb_close follows regardless.
        if (_claimedInterface >= 0) LibUsbNative.ReleaseInterface(handle, _claimedInterface);
        LibUsbNative.Close(handle);
        _context.DangerousRelease();
        return true;
    }
}
