namespace PhotonSupport.BenchAgent.Usb;

/// <summary>The DFU interface of a device, copied out of libusb's configuration descriptor.</summary>
/// <param name="AltStringIndexes">iInterface of each alt setting, in alt order (the DfuSe layout strings).</param>
/// <param name="Functional">null when the device did not send a functional descriptor.</param>
internal sealed record DfuInterface(int InterfaceNumber, IReadOnlyList<byte> AltStringIndexes, DfuFunctionalDescriptor? Functional);

internal static unsafe class DfuInterfaceLookup
{
    // DFU 1.1 §4.2.1, table 4.1: Application Specific class, Device Firmware Upgrade subclass.
    private const byte ApplicationSpecificClass = 0xFE;
    private const byte DfuSubClass = 0x01;

    /// <returns>The device's DFU interface, or null when its configuration has none.</returns>
    public static DfuInterface? Find(IntPtr device)
    {
        var rc = LibUsbNative.GetActiveConfigDescriptor(device, out var config);
        // An unconfigured device has no active configuration; DFU devices have only one, index 0.
        if (rc == LibUsbNative.ErrorNotFound) rc = LibUsbNative.GetConfigDescriptor(device, 0, out config);
        if (rc != LibUsbNative.Success) throw LibUsbErrors.Failed(rc, "reading the configuration descriptor");
        try
        {
            return Find(config);
        }
        finally
        {
            LibUsbNative.FreeConfigDescriptor(config);
        }
    }

    private static DfuInterface? Find(LibUsbConfigDescriptor* config)
    {
        for (var i = 0; i < config->NumInterfaces; i++)
        {
            var alts = new Span<LibUsbInterfaceDescriptor>(config->Interfaces[i].AltSettings, config->Interfaces[i].NumAltSettings);
            if (alts.IsEmpty || alts[0].InterfaceClass != ApplicationSpecificClass || alts[0].InterfaceSubClass != DfuSubClass) continue;

            var ordered = alts.ToArray().OrderBy(a => a.AlternateSetting).ToArray();
            return new DfuInterface(
                alts[0].InterfaceNumber,
                ordered.Select(a => a.InterfaceStringIndex).ToArray(),
                FindFunctional(alts, config));
        }
        return null;
    }

    // libusb leaves the functional descriptor in the extra bytes of the interface descriptor it
    // follows (normally alt 0, but DfuSe devices repeat or move it); a descriptor placed before
    // the first interface lands in the configuration's extra bytes instead.
    private static DfuFunctionalDescriptor? FindFunctional(Span<LibUsbInterfaceDescriptor> alts, LibUsbConfigDescriptor* config)
    {
        foreach (ref var alt in alts)
        {
            if (DfuFunctionalDescriptors.Find(new ReadOnlySpan<byte>(alt.Extra, alt.ExtraLength)) is { } functional) return functional;
        }
        return DfuFunctionalDescriptors.Find(new ReadOnlySpan<byte>(config->Extra, config->ExtraLength));
    }
}
