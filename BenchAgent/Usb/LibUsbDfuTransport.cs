namespace PhotonSupport.BenchAgent.Usb;

/// <summary>The string descriptor indexes of a device's serial number and of its DFU alt settings, in alt order.</summary>
internal sealed record DfuStringIndexes(byte SerialNumber, IReadOnlyList<byte> AltSettings);

/// <summary>DFU class requests to the claimed DFU interface of a real device, through libusb.</summary>
internal sealed class LibUsbDfuTransport(
    LibUsbDeviceHandle handle,
    DfuDeviceInfo device,
    int interfaceNumber,
    DfuFunctionalDescriptor functional,
    DfuStringIndexes strings) : IDfuTransport
{
    // bmRequestType (USB 2.0 §9.3.1): class request to an interface, host-to-device / device-to-host
    // (DFU 1.1 §3, table 3.1).
    private const byte ClassInterfaceOut = 0x21;
    private const byte ClassInterfaceIn = 0xA1;

    public DfuDeviceInfo Device { get; } = device;

    public DfuFunctionalDescriptor Functional { get; } = functional;

    public IReadOnlyList<string> AltSettingNames { get; } = AltSettingNamesOf(handle, strings, device);

    // libusb_get_string_descriptor_ascii sends GET_DESCRIPTOR to the device each time (libusb caches
    // no strings), so this is the device on the port now, not the one enumerated.
    public DfuDeviceIdentity ReadIdentity() => new(
        handle.ReadString(strings.SerialNumber, $"the serial number of {Where}"),
        AltSettingNamesOf(handle, strings, Device));

    public void SelectAltSetting(int altSetting)
    {
        var rc = LibUsbNative.SetInterfaceAltSetting(handle, interfaceNumber, altSetting);
        if (rc != LibUsbNative.Success) throw LibUsbErrors.Failed(rc, $"selecting alt setting {altSetting} on {Where}");
    }

    public unsafe int ControlOut(DfuRequest request, ushort value, ReadOnlySpan<byte> data, TimeSpan timeout)
    {
        fixed (byte* bytes = data)
        {
            return Transfer(ClassInterfaceOut, request, value, bytes, data.Length, timeout);
        }
    }

    public unsafe int ControlIn(DfuRequest request, ushort value, Span<byte> buffer, TimeSpan timeout)
    {
        fixed (byte* bytes = buffer)
        {
            return Transfer(ClassInterfaceIn, request, value, bytes, buffer.Length, timeout);
        }
    }

    public void Dispose() => handle.Dispose();

    private string Where => $"{Device.UsbId} at {Device.Location}";

    private static string[] AltSettingNamesOf(LibUsbDeviceHandle handle, DfuStringIndexes strings, DfuDeviceInfo device) =>
        strings.AltSettings
            .Select((index, alt) => handle.ReadString(index, $"the name of alt setting {alt} of {device.UsbId} at {device.Location}"))
            .ToArray();

    private unsafe int Transfer(byte requestType, DfuRequest request, ushort value, byte* data, int length, TimeSpan timeout)
    {
        // wLength is 16 bits (USB 2.0 §9.3.5); the DFU transfer size of these devices is 4096 at most.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, ushort.MaxValue, nameof(length));
        var rc = LibUsbNative.ControlTransfer(
            handle, requestType, (byte)request, value, (ushort)interfaceNumber, data, (ushort)length, Milliseconds(timeout));
        if (rc < 0) throw LibUsbErrors.Failed(rc, $"DFU {request} (wValue {value}) to {Where}");
        return rc;
    }

    // libusb reads a timeout of 0 as "wait forever"; every request here must end, so refuse it, and
    // round a fraction of a millisecond up rather than down to 0.
    private static uint Milliseconds(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(timeout));
        return (uint)Math.Ceiling(Math.Min(timeout.TotalMilliseconds, uint.MaxValue));
    }
}
