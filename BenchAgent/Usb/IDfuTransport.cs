namespace PhotonSupport.BenchAgent.Usb;

/// <summary>
/// The one boundary between the DFU engine and a device: class control transfers on the DFU
/// interface of one opened device. The libusb device and the simulator implement it; nothing
/// above it knows which one it has.
/// </summary>
public interface IDfuTransport : IDisposable
{
    DfuDeviceInfo Device { get; }

    /// <summary>The DFU functional descriptor (DFU 1.1 §4.1.3), read when the device was opened.</summary>
    DfuFunctionalDescriptor Functional { get; }

    /// <summary>The interface string of each alt setting, in alt order: DfuSe puts the memory layout there (AN3156 §4).</summary>
    IReadOnlyList<string> AltSettingNames { get; }

    /// <summary>
    /// Asks the opened device again who it is (GET_DESCRIPTOR for the serial number string and the alt
    /// setting strings, USB 2.0 §9.4.3), rather than trusting what enumeration said: the device on the
    /// port may have been swapped since.
    /// </summary>
    /// <exception cref="UsbTransferException">the device did not answer, or is gone.</exception>
    DfuDeviceIdentity ReadIdentity();

    /// <summary>SET_INTERFACE to <paramref name="altSetting"/> on the DFU interface.</summary>
    void SelectAltSetting(int altSetting);

    /// <summary>A class request to the interface, host to device (bmRequestType 0x21). Returns bytes sent.</summary>
    /// <exception cref="UsbTransferException">the request stalled, timed out, or the device is gone.</exception>
    int ControlOut(DfuRequest request, ushort value, ReadOnlySpan<byte> data, TimeSpan timeout);

    /// <summary>A class request to the interface, device to host (bmRequestType 0xA1). Returns bytes received.</summary>
    /// <exception cref="UsbTransferException">the request stalled, timed out, or the device is gone.</exception>
    int ControlIn(DfuRequest request, ushort value, Span<byte> buffer, TimeSpan timeout);
}

/// <summary>DFU 1.1 class-specific requests (DFU 1.1 §3, table 3.2).</summary>
public enum DfuRequest : byte
{
    Detach = 0,
    Download = 1,
    Upload = 2,
    GetStatus = 3,
    ClearStatus = 4,
    GetState = 5,
    Abort = 6,
}

/// <summary>What enumeration tells about a device in DFU mode.</summary>
public sealed record DfuDeviceInfo(ushort VendorId, ushort ProductId, string SerialNumber, string Location)
{
    public string UsbId => $"{VendorId:x4}:{ProductId:x4}";
}

/// <summary>What a device says about itself over an open handle: its USB serial number and its alt setting strings.</summary>
public sealed record DfuDeviceIdentity(string SerialNumber, IReadOnlyList<string> AltSettingNames);

/// <summary>DFU functional descriptor fields (DFU 1.1 §4.1.3, table 4.2).</summary>
public sealed record DfuFunctionalDescriptor(byte Attributes, ushort DetachTimeoutMs, ushort TransferSize, ushort DfuVersion)
{
    public bool CanDownload => (Attributes & 0x01) != 0;
    public bool CanUpload => (Attributes & 0x02) != 0;
    public bool ManifestationTolerant => (Attributes & 0x04) != 0;
    public bool WillDetach => (Attributes & 0x08) != 0;
}

public enum UsbFailure
{
    /// <summary>The device answered the request with a STALL handshake.</summary>
    Stall,
    Timeout,
    /// <summary>The device left the bus (unplugged, or reset after leaving DFU).</summary>
    DeviceGone,
    AccessDenied,
    Other,
}

public sealed class UsbTransferException(UsbFailure failure, string message) : Exception(message)
{
    public UsbFailure Failure { get; } = failure;
}
