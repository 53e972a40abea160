using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>
/// Reads, writes and leaves a DfuSe device through one opened transport, which the session owns.
/// Every access is checked against the alt setting's memory layout before the device sees a
/// request; every operation ends with the device in dfuIDLE, and one that fails leaves the
/// session to bring it back there before the next.
/// </summary>
public sealed class DfuSession : IDisposable
{
    /// <summary>A data block programs 4 KiB in about 16 ms (≤ 100 ms worst case on the STM32F2); this bounds a stuck one.</summary>
    public static readonly TimeSpan BlockWriteBudget = TimeSpan.FromSeconds(2);

    private readonly IDfuTransport _transport;
    private readonly IBenchClock _clock;
    private readonly DfuRequests _requests;
    private readonly DfuSeCommands _commands;
    private readonly string _expectedDeviceId;
    private bool _identityConfirmed;
    private int? _selectedAlt;
    // The device's state is unknown when the session opens and after any failed operation.
    private bool _mustRecover = true;
    private bool _left;
    private bool _disposed;

    /// <param name="expectedDeviceId">
    /// The device the work is for (a job's device id); by default the one enumeration named. The
    /// device on the port must still be it when the first read or write comes.
    /// </param>
    public DfuSession(IDfuTransport transport, IBenchClock clock, string? expectedDeviceId = null)
    {
        _transport = transport;
        _expectedDeviceId = DeviceIdOf(expectedDeviceId ?? transport.Device.SerialNumber);
        _clock = clock;
        _requests = new DfuRequests(transport);
        _commands = new DfuSeCommands(_requests, clock);
        Layouts = transport.AltSettingNames
            .Select((name, alt) => DeviceQuirks.Effective(transport.Device, alt, MemoryLayout.Parse(name)))
            .ToList();
        TransferSize = transport.Functional.TransferSize;
    }

    public DfuDeviceInfo Device => _transport.Device;

    /// <summary>The memory layout of each alt setting, as the device will honour it.</summary>
    public IReadOnlyList<MemoryLayout> Layouts { get; }

    /// <summary>wTransferSize of the DFU functional descriptor: the size of every full data block.</summary>
    public int TransferSize { get; }

    /// <summary>Reads <paramref name="length"/> bytes from <paramref name="address"/> of alt setting <paramref name="alt"/>.</summary>
    /// <exception cref="DfuPermissionDeniedException">a byte is unmapped or unreadable; nothing was sent.</exception>
    public byte[] Read(int alt, uint address, int length, IProgress<DfuProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        LayoutOf(alt).CheckRead(address, length);
        if (length == 0)
            return [];
        ConfirmIdentity(address);
        Begin(alt, "read", address);
        var data = Upload("read", address, length, progress, ct);
        _mustRecover = false;
        return data;
    }

    /// <summary>
    /// Erases the sectors <paramref name="data"/> touches, writes it at <paramref name="address"/>,
    /// reads it back and compares. Erasing clears whole sectors, including bytes outside the range; the
    /// Gen 2 DCT gets no erase, since its bootloader replaces the bytes written (<see cref="DeviceQuirks.WriteReplaces"/>).
    /// </summary>
    /// <remarks>
    /// Cancellation is honoured before the first erase only: once a sector is erased, the write and its
    /// read-back run to the end, so a cancelled job never leaves a sector erased and unwritten (issue 13).
    /// </remarks>
    /// <exception cref="DfuPermissionDeniedException">a byte is unmapped, or a touched sector refuses erase or write; nothing was sent.</exception>
    /// <exception cref="DfuWrongDeviceException">the device on the port is not the expected one; nothing was written.</exception>
    /// <exception cref="DfuVerifyException">the read-back differs; names the first differing address.</exception>
    public void Write(int alt, uint address, ReadOnlySpan<byte> data, IProgress<DfuProgress>? progress = null, CancellationToken ct = default)
    {
        var layout = LayoutOf(alt);
        var image = Padded(data);
        layout.CheckWrite(address, image.Length);
        if (image.Length == 0)
            return;
        ct.ThrowIfCancellationRequested();
        ConfirmIdentity(address);
        Begin(alt, "erase", address);
        if (!DeviceQuirks.WriteReplaces(Device, alt))
            Erase(layout, address, image.Length, progress);
        Download(address, image, progress);
        var readBack = Upload("verify", address, image.Length, progress, CancellationToken.None);
        _mustRecover = false;
        Compare(layout, address, image, readBack);
    }

    /// <summary>
    /// Leaves DFU mode and starts the firmware at <paramref name="startAddress"/> (alt 0). The device
    /// resets and leaves the bus; a lost device, stall or timeout after the final request is that reset.
    /// </summary>
    public void Leave(uint startAddress)
    {
        var layout = LayoutOf(0);
        if (layout.Find(startAddress) is null)
            throw new DfuPermissionDeniedException("leave", startAddress, layout.Name, $"0x{startAddress:x8} is not mapped");
        Begin(0, "leave", startAddress);
        _commands.SetAddressPointer(startAddress, "leave", CancellationToken.None);
        try
        {
            // dfu-util and particle-usb end a DfuSe download with a zero-length block 2, then GETSTATUS.
            _requests.Download(DfuBlocks.FirstDataBlock, ReadOnlySpan<byte>.Empty);
            var status = _requests.GetStatus();
            if (status.Status != DfuStatusCode.Ok || status.State == DfuState.DfuError)
                throw new DfuStatusException("leave", startAddress, status.Status, status.State);
        }
        catch (UsbTransferException e) when (e.Failure is UsbFailure.DeviceGone or UsbFailure.Stall or UsbFailure.Timeout)
        {
            // Older bootloaders reset at once, so the request itself fails: that is the reset we asked for.
            _left = true;
        }
        catch (UsbTransferException e)
        {
            throw DfuException.FromUsb(e, "leave", startAddress);
        }
        _left = true;
    }

    /// <summary>Brings the device to dfuIDLE from any state: CLRSTATUS out of dfuERROR, ABORT out of the others.</summary>
    public void EnsureIdle()
    {
        ThrowIfUnusable();
        IdleRecovery.Ensure(_requests, _clock, "recover", 0);
        _mustRecover = false;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _transport.Dispose();
    }

    private MemoryLayout LayoutOf(int alt) =>
        alt >= 0 && alt < Layouts.Count
            ? Layouts[alt]
            : throw new ArgumentOutOfRangeException(nameof(alt), alt, $"the device has alt settings 0–{Layouts.Count - 1}");

    private void Begin(int alt, string phase, uint address)
    {
        ThrowIfUnusable();
        if (_mustRecover)
            IdleRecovery.Ensure(_requests, _clock, phase, address);
        _mustRecover = true;
        if (_selectedAlt == alt)
            return;
        try
        {
            _transport.SelectAltSetting(alt);
        }
        catch (UsbTransferException e)
        {
            throw DfuException.FromUsb(e, phase, address);
        }
        _selectedAlt = alt;
    }

    /// <summary>
    /// Before the first read or write of the session, asks the device on the port who it is: its serial
    /// number must carry the expected device id and its alt settings must be the ones the layouts came
    /// from. A write must not reach another device, and a backup read from another device must not be
    /// filed on this device's ticket.
    /// </summary>
    private void ConfirmIdentity(uint address)
    {
        if (_identityConfirmed)
            return;
        ThrowIfUnusable();
        DfuDeviceIdentity found;
        try
        {
            found = _transport.ReadIdentity();
        }
        catch (UsbTransferException e)
        {
            throw DfuException.FromUsb(e, "identity", address);
        }
        var foundId = DeviceIdOf(found.SerialNumber);
        if (foundId != _expectedDeviceId)
            throw new DfuWrongDeviceException(address, _expectedDeviceId, foundId, "it answers with another serial number");
        if (!found.AltSettingNames.SequenceEqual(_transport.AltSettingNames))
            throw new DfuWrongDeviceException(address, _expectedDeviceId, foundId,
                $"its memory layout changed from [{string.Join(", ", _transport.AltSettingNames)}] to [{string.Join(", ", found.AltSettingNames)}]");
        _identityConfirmed = true;
    }

    /// <summary>The device id a serial number carries, or the serial number itself when it carries none.</summary>
    private static string DeviceIdOf(string serialNumber) => ParticleDfuDevices.DeviceIdFromSerial(serialNumber) ?? serialNumber;

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_left)
            throw new InvalidOperationException($"{Device.UsbId} has left DFU mode; open it again");
    }

    private byte[] Padded(ReadOnlySpan<byte> data)
    {
        var even = DeviceQuirks.NeedsEvenLength(Device) && data.Length % 2 == 1;
        var image = new byte[data.Length + (even ? 1 : 0)];
        data.CopyTo(image);
        if (even)
            image[^1] = 0xFF; // the erased value: programming it changes nothing
        return image;
    }

    private void Erase(MemoryLayout layout, uint address, int length, IProgress<DfuProgress>? progress)
    {
        var sectors = layout.SectorsTouching(address, length);
        var total = sectors.Sum(s => (long)s.Size);
        long done = 0;
        foreach (var sector in sectors)
        {
            _commands.ErasePage(sector);
            done += sector.Size;
            progress?.Report(new DfuProgress("erase", sector.Start, done, total));
        }
    }

    // Not cancellable: the sectors are erased by now, and only the whole image puts them back.
    private void Download(uint address, byte[] image, IProgress<DfuProgress>? progress)
    {
        foreach (var run in DfuBlocks.Runs(address, image.Length, TransferSize))
        {
            _commands.SetAddressPointer(run.Address, "write", CancellationToken.None);
            foreach (var block in DfuBlocks.Blocks(run, TransferSize))
            {
                try
                {
                    _requests.Download(block.Number, image.AsSpan(block.Offset, block.Length));
                    DownloadCompletion.Await(_requests, _clock, "write", block.Address, BlockWriteBudget, CancellationToken.None);
                }
                catch (UsbTransferException e)
                {
                    throw DfuException.FromUsb(e, "write", block.Address);
                }
                progress?.Report(new DfuProgress("write", block.Address, block.Offset + block.Length, image.Length));
            }
        }
        AbortToIdle("write", (uint)(address + image.Length));
    }

    private byte[] Upload(string phase, uint address, int length, IProgress<DfuProgress>? progress, CancellationToken ct)
    {
        var data = new byte[length];
        foreach (var run in DfuBlocks.Runs(address, length, TransferSize))
        {
            // AN3156 §6.2: the pointer is set with a DNLOAD command, so ABORT back to dfuIDLE before uploading.
            _commands.SetAddressPointer(run.Address, phase, ct);
            AbortToIdle(phase, run.Address);
            foreach (var block in DfuBlocks.Blocks(run, TransferSize))
            {
                ct.ThrowIfCancellationRequested();
                int received;
                try
                {
                    received = _requests.Upload(block.Number, data.AsSpan(block.Offset, block.Length));
                }
                catch (UsbTransferException e)
                {
                    throw DfuException.FromUsb(e, phase, block.Address);
                }
                if (received < block.Length)
                    throw new DfuException(phase, (uint)(block.Address + received),
                        $"the device ended the upload after {block.Offset + received} of {length} bytes");
                progress?.Report(new DfuProgress(phase, block.Address, block.Offset + block.Length, length));
            }
            AbortToIdle(phase, (uint)(run.Address + run.Length));
        }
        return data;
    }

    /// <summary>ABORT, then GETSTATUS must answer dfuIDLE (DFU 1.1 §6.1.4).</summary>
    private void AbortToIdle(string phase, uint address)
    {
        try
        {
            _requests.Abort();
            var status = _requests.GetStatus();
            if (status.State != DfuState.DfuIdle || status.Status != DfuStatusCode.Ok)
                throw new DfuStatusException(phase, address, status.Status, status.State);
        }
        catch (UsbTransferException e)
        {
            throw DfuException.FromUsb(e, phase, address);
        }
    }

    private static void Compare(MemoryLayout layout, uint address, byte[] written, byte[] readBack)
    {
        var first = written.AsSpan().CommonPrefixLength(readBack);
        if (first < written.Length)
            throw new DfuVerifyException((uint)(address + first), layout.Name, written[first], readBack[first]);
    }
}
