using System.Runtime.InteropServices;

namespace PhotonSupport.BenchAgent.Usb;

// libusb's parsed descriptors, field for field as libusb.h declares them: sequential layout with
// natural alignment reproduces the C layout (multi-byte fields are already host-endian there).
// Only the DFU lookup reads them; the endpoint array is never followed (DFU uses only EP0).

/// <summary>struct libusb_device_descriptor (USB 2.0 §9.6.1), 18 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LibUsbDeviceDescriptor
{
    public byte Length;
    public byte DescriptorType;
    public ushort BcdUsb;
    public byte DeviceClass;
    public byte DeviceSubClass;
    public byte DeviceProtocol;
    public byte MaxPacketSize0;
    public ushort VendorId;
    public ushort ProductId;
    public ushort BcdDevice;
    public byte ManufacturerIndex;
    public byte ProductIndex;
    public byte SerialNumberIndex;
    public byte NumConfigurations;
}

/// <summary>struct libusb_config_descriptor (USB 2.0 §9.6.3).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LibUsbConfigDescriptor
{
    public byte Length;
    public byte DescriptorType;
    public ushort TotalLength;
    public byte NumInterfaces;
    public byte ConfigurationValue;
    public byte ConfigurationStringIndex;
    public byte Attributes;
    public byte MaxPower;
    public LibUsbInterface* Interfaces;
    public byte* Extra;
    public int ExtraLength;
}

/// <summary>struct libusb_interface: the alt settings of one interface number.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LibUsbInterface
{
    public LibUsbInterfaceDescriptor* AltSettings;
    public int NumAltSettings;
}

/// <summary>
/// struct libusb_interface_descriptor (USB 2.0 §9.6.5). Class-specific descriptors that follow it,
/// such as the DFU functional descriptor, are left in <see cref="Extra"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LibUsbInterfaceDescriptor
{
    public byte Length;
    public byte DescriptorType;
    public byte InterfaceNumber;
    public byte AlternateSetting;
    public byte NumEndpoints;
    public byte InterfaceClass;
    public byte InterfaceSubClass;
    public byte InterfaceProtocol;
    public byte InterfaceStringIndex;
    public IntPtr Endpoints;
    public byte* Extra;
    public int ExtraLength;
}
