namespace PhotonSupport.BenchAgent.Usb;

/// <summary>Particle devices in DFU mode on the USB bus, through libusb-1.0.</summary>
public sealed class LibUsbDeviceSource : IDfuDeviceSource, IDisposable
{
    private readonly LibUsbContextHandle _context;

    /// <exception cref="LibUsbUnavailableException">libusb-1.0 is not installed.</exception>
    public LibUsbDeviceSource() => _context = LibUsbContextHandle.Create();

    public IReadOnlyList<DfuDeviceInfo> List()
    {
        var found = new List<DfuDeviceInfo>();
        VisitDfuDevices((device, candidate) =>
        {
            if (Describe(device, candidate) is { } info) found.Add(info);
            return true;
        });
        return found;
    }

    /// <exception cref="UsbTransferException">the device is gone, not accessible, busy, or not a usable DFU device.</exception>
    public IDfuTransport Open(DfuDeviceInfo device)
    {
        IDfuTransport? transport = null;
        VisitDfuDevices((candidateDevice, candidate) =>
        {
            if (candidate.UsbId != device.UsbId || candidate.Location != device.Location) return true;
            transport = OpenTransport(candidateDevice, candidate, device);
            return false;
        });
        return transport ?? throw new UsbTransferException(
            UsbFailure.DeviceGone, $"{device.UsbId} at {device.Location} is no longer attached");
    }

    public void Dispose() => _context.Dispose();

    /// <summary>A Particle device in DFU mode seen in the device list, before it is opened.</summary>
    private sealed record Candidate(ushort VendorId, ushort ProductId, string Location, byte SerialNumberIndex, DfuInterface Dfu)
    {
        public string UsbId => $"{VendorId:x4}:{ProductId:x4}";
    }

    /// <param name="visit">Called with each candidate while the device list is held; false stops the walk.</param>
    private unsafe void VisitDfuDevices(Func<IntPtr, Candidate, bool> visit)
    {
        var count = LibUsbNative.GetDeviceList(_context, out var list);
        if (count < 0) throw LibUsbErrors.Failed((int)count, "listing USB devices");
        try
        {
            for (nint i = 0; i < count; i++)
            {
                if (CandidateOf(list[i]) is { } candidate && !visit(list[i], candidate)) return;
            }
        }
        finally
        {
            // Unref too: devices still needed were opened, and libusb_open holds its own reference.
            LibUsbNative.FreeDeviceList(list, 1);
        }
    }

    private static Candidate? CandidateOf(IntPtr device)
    {
        var rc = LibUsbNative.GetDeviceDescriptor(device, out var descriptor);
        if (rc != LibUsbNative.Success) throw LibUsbErrors.Failed(rc, "reading a device descriptor");
        // Only Particle DFU ids: other devices' configurations are none of our business.
        if (ParticleDfuDevices.PlatformOf(descriptor.VendorId, descriptor.ProductId) is null) return null;
        return DfuInterfaceLookup.Find(device) is { } dfu
            ? new Candidate(descriptor.VendorId, descriptor.ProductId, LocationOf(device), descriptor.SerialNumberIndex, dfu)
            : null;
    }

    /// <summary>"bus-port.port…", as Linux names the device in sysfs: stable while it stays in the same socket.</summary>
    private static unsafe string LocationOf(IntPtr device)
    {
        var ports = stackalloc byte[LibUsbNative.MaxPortDepth];
        var depth = LibUsbNative.GetPortNumbers(device, ports, LibUsbNative.MaxPortDepth);
        if (depth < 0) throw LibUsbErrors.Failed(depth, "reading the port path");
        var bus = LibUsbNative.GetBusNumber(device);
        return depth == 0 ? $"{bus}" : $"{bus}-{string.Join('.', new ReadOnlySpan<byte>(ports, depth).ToArray())}";
    }

    /// <returns>null when the device left the bus between listing and opening.</returns>
    private DfuDeviceInfo? Describe(IntPtr device, Candidate candidate)
    {
        var rc = LibUsbDeviceHandle.TryOpen(_context, device, out var handle);
        if (rc == LibUsbNative.ErrorNoDevice) return null;
        using var opened = handle ?? throw LibUsbErrors.OpenFailed(rc, candidate.UsbId, candidate.Location);
        var serial = opened.ReadString(candidate.SerialNumberIndex, $"the serial number of {candidate.UsbId} at {candidate.Location}");
        return new DfuDeviceInfo(candidate.VendorId, candidate.ProductId, serial, candidate.Location);
    }

    private LibUsbDfuTransport OpenTransport(IntPtr device, Candidate candidate, DfuDeviceInfo info)
    {
        var where = $"{candidate.UsbId} at {candidate.Location}";
        var functional = candidate.Dfu.Functional
            ?? throw new UsbTransferException(UsbFailure.Other, $"{where} has no DFU functional descriptor");
        var rc = LibUsbDeviceHandle.TryOpen(_context, device, out var handle);
        var opened = handle ?? throw LibUsbErrors.OpenFailed(rc, candidate.UsbId, candidate.Location);
        try
        {
            var dfuInterface = candidate.Dfu.InterfaceNumber;
            DetachKernelDriver(opened, dfuInterface, where);
            rc = opened.Claim(dfuInterface);
            if (rc != LibUsbNative.Success) throw LibUsbErrors.ClaimFailed(rc, candidate.UsbId, candidate.Location, dfuInterface);
            return new LibUsbDfuTransport(opened, info, dfuInterface, functional,
                new DfuStringIndexes(candidate.SerialNumberIndex, candidate.Dfu.AltStringIndexes));
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    // Auto-detach makes libusb detach a kernel driver when claiming and re-attach it on release.
    // Where libusb cannot do that, detach by hand; where it cannot detach at all (not Linux), no
    // kernel driver stands in the way of claiming.
    private static void DetachKernelDriver(LibUsbDeviceHandle handle, int dfuInterface, string where)
    {
        var rc = LibUsbNative.SetAutoDetachKernelDriver(handle, 1);
        if (rc == LibUsbNative.Success) return;
        if (rc != LibUsbNative.ErrorNotSupported) throw LibUsbErrors.Failed(rc, $"enabling kernel driver auto-detach on {where}");
        rc = LibUsbNative.KernelDriverActive(handle, dfuInterface);
        if (rc == 1) rc = LibUsbNative.DetachKernelDriver(handle, dfuInterface);
        if (rc < 0 && rc != LibUsbNative.ErrorNotSupported) throw LibUsbErrors.Failed(rc, $"detaching the kernel driver from {where}");
    }
}
