using System.Runtime.InteropServices;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Tests.Usb;

/// <summary>The managed structs must match libusb.h byte for byte, or every descriptor read is garbage.</summary>
public class LibUsbStructLayout
{
    [Fact]
    public void The_device_descriptor_is_the_18_bytes_of_LIBUSB_DT_DEVICE_SIZE()
    {
        Marshal.SizeOf<LibUsbDeviceDescriptor>().ShouldBe(18);
        Marshal.OffsetOf<LibUsbDeviceDescriptor>(nameof(LibUsbDeviceDescriptor.VendorId)).ShouldBe(8);
        Marshal.OffsetOf<LibUsbDeviceDescriptor>(nameof(LibUsbDeviceDescriptor.SerialNumberIndex)).ShouldBe(16);
    }

    [Fact]
    public void Descriptor_pointers_follow_the_nine_descriptor_bytes_at_pointer_alignment()
    {
        var pointer = IntPtr.Size;
        var afterNineBytes = (9 + pointer - 1) / pointer * pointer;
        Marshal.OffsetOf<LibUsbConfigDescriptor>(nameof(LibUsbConfigDescriptor.Interfaces)).ShouldBe(afterNineBytes);
        Marshal.OffsetOf<LibUsbConfigDescriptor>(nameof(LibUsbConfigDescriptor.ExtraLength)).ShouldBe(afterNineBytes + 2 * pointer);
        Marshal.OffsetOf<LibUsbInterfaceDescriptor>(nameof(LibUsbInterfaceDescriptor.Endpoints)).ShouldBe(afterNineBytes);
        Marshal.OffsetOf<LibUsbInterfaceDescriptor>(nameof(LibUsbInterfaceDescriptor.ExtraLength)).ShouldBe(afterNineBytes + 2 * pointer);
        Marshal.OffsetOf<LibUsbInterface>(nameof(LibUsbInterface.NumAltSettings)).ShouldBe(pointer);
    }
}
