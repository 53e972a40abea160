using System.Buffers.Binary;
using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>
/// A Particle device in DFU mode at the control-transfer boundary: the DFU 1.1 state machine with
/// the DfuSe commands Particle's bootloaders implement, over simulated flash, timed on the bench clock,
/// behaving as particle-facts.md ("How real devices behave") says real ones do.
/// </summary>
public sealed class SimulatedDfuDevice : IDfuTransport
{
    private readonly IBenchClock _clock;
    private readonly SimulatedFlash[] _flash;
    private readonly CloudKeys _cloudKeys;
    private readonly Random _flaky;

    private int _alt;
    private uint _pointer;
    private DfuState _state = DfuState.DfuIdle;
    private DfuStatusCode _status = DfuStatusCode.Ok;
    private DfuseRequest? _pending;
    private DfuStatusCode _failure = DfuStatusCode.Ok;
    private string _failureReason = "";
    private TimeSpan _busyUntil;
    private TimeSpan? _resetAt;
    private bool _unplugged;
    private bool _unplugFired;
    private int _dataBlocks;
    private bool _claimed;

    public SimulatedDfuDevice(SimulatedDeviceSpec spec, IBenchClock clock, string location = "simulated")
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.CheckScenarioFitsPlatform();
        Spec = spec;
        _clock = clock;
        _cloudKeys = CloudKeys.Published;
        Profile = DeviceProfile.For(spec.Platform);
        _flash = Profile.AltSettings.Select(a => new SimulatedFlash(MemoryLayout.Parse(a.Name))).ToArray();
        _flaky = new Random(spec.Faults.FlakySeed);
        Device = new DfuDeviceInfo(Profile.VendorId, Profile.ProductId, spec.DeviceId, location);
        Functional = Profile.Functional;
        AltSettingNames = Profile.AltSettings.Select(a => a.Name).ToArray();
        CloudKnownPublicKeyDer = FactoryImage.Install(spec, _flash, _cloudKeys);
    }

    public SimulatedDeviceSpec Spec { get; }

    public DeviceProfile Profile { get; }

    public Platform Platform => Spec.Platform;

    public string DeviceId => Spec.DeviceId;

    public DfuDeviceInfo Device { get; }

    public DfuFunctionalDescriptor Functional { get; }

    public IReadOnlyList<string> AltSettingNames { get; }

    /// <summary>The device public key (SubjectPublicKeyInfo DER) the simulated cloud holds; a key regeneration updates it.</summary>
    public byte[] CloudKnownPublicKeyDer { get; set; }

    /// <summary>Control transfers the host made, including those that failed.</summary>
    public int TransferCount { get; private set; }

    /// <summary>The device accepted the leave request: it resets out of DFU and boots its firmware.</summary>
    public bool HasLeftDfu { get; private set; }

    /// <summary>On the bus in DFU mode: not unplugged, not yet reset out of DFU.</summary>
    public bool IsOnBus => !_unplugged && (_resetAt is not { } at || _clock.Elapsed < at);

    /// <summary>Times the device booted its firmware after leaving DFU.</summary>
    public int BootCount { get; private set; }

    /// <summary>The state as the device holds it, without a transfer (for tests and the bench display).</summary>
    public DfuState State => _state;

    public int CurrentAltSetting => _alt;

    /// <summary>What the LED shows after the device boots its firmware (the vocabulary of particle-facts.md, "LED patterns").</summary>
    public string LedPattern => LedPatterns.Read(Platform, _flash, _cloudKeys, CloudKnownPublicKeyDer);

    /// <summary>What the LED shows now: DFU mode blinks yellow until the device leaves.</summary>
    public string ShownLedPattern => HasLeftDfu ? LedPattern : "blinking-yellow";

    /// <summary>The simulated flash behind an alt setting: raw contents for tests, no USB and no time.</summary>
    public SimulatedFlash Memory(int altSetting) => _flash[altSetting];

    /// <summary>The application DCT (Gen 2 alt 1; on the Core, alt 1 is the external flash).</summary>
    public byte[] ApplicationDct() => Platform == Platform.Core
        ? throw new InvalidOperationException("the Core keeps its keys in external flash (alt 1), not in a DCT")
        : _flash[1].Read(0, DctLayout.Size);

    /// <summary>The owner (or the bench) put the device back into DFU mode: MODE + RESET, or plugged back in.</summary>
    public void ReenterDfu()
    {
        _unplugged = false;
        _resetAt = null;
        HasLeftDfu = false;
        _alt = 0;
        _pointer = 0;
        ReturnToIdle();
        _busyUntil = _clock.Elapsed;
    }

    /// <summary>Claims the DFU interface, as libusb's claim does: one holder at a time.</summary>
    internal void Claim()
    {
        ThrowIfGone();
        if (_claimed) throw new UsbTransferException(UsbFailure.AccessDenied, $"{DeviceId}: the DFU interface is already claimed");
        _claimed = true;
    }

    public void Dispose() => _claimed = false;

    /// <summary>One GET_DESCRIPTOR per string: the serial number, then each alt setting's name.</summary>
    public DfuDeviceIdentity ReadIdentity()
    {
        BeginRequest(DfuRequests.RequestTimeout, 0);
        var serial = Spec.Faults.SwappedOnPort ? SwappedInDeviceId(DeviceId) : DeviceId;
        foreach (var _ in AltSettingNames) BeginRequest(DfuRequests.RequestTimeout, 0);
        return new DfuDeviceIdentity(serial, AltSettingNames);
    }

    private static string SwappedInDeviceId(string deviceId) =>
        string.Concat(deviceId.Select(c => "fedcba9876543210"[Convert.ToInt32(c.ToString(), 16)]));

    public void SelectAltSetting(int altSetting)
    {
        BeginRequest(TimeSpan.FromSeconds(5), 0);
        if (altSetting < 0 || altSetting >= _flash.Length)
            throw Stall($"SET_INTERFACE alt {altSetting}: the device has {_flash.Length} alt settings");
        _alt = altSetting;
        ReturnToIdle();
    }

    public int ControlOut(DfuRequest request, ushort value, ReadOnlySpan<byte> data, TimeSpan timeout)
    {
        BeginRequest(timeout, data.Length);
        switch (request)
        {
            case DfuRequest.Download:
                return Download(value, data);
            case DfuRequest.ClearStatus:
                ClearStatus();
                return 0;
            case DfuRequest.Abort:
                Abort();
                return 0;
            default:
                // DETACH is an appIDLE request (DFU 1.1 §5.1); in DFU mode it, like any unknown request, stalls.
                throw WrongRequest($"{request} out");
        }
    }

    public int ControlIn(DfuRequest request, ushort value, Span<byte> buffer, TimeSpan timeout)
    {
        BeginRequest(timeout, request == DfuRequest.Upload ? buffer.Length : 0);
        switch (request)
        {
            case DfuRequest.GetStatus:
                return GetStatus(buffer);
            case DfuRequest.GetState:
                if (buffer.Length < 1) throw Stall("GETSTATE needs 1 byte");
                buffer[0] = (byte)_state;
                return 1;
            case DfuRequest.Upload:
                return Upload(value, buffer);
            default:
                throw WrongRequest($"{request} in");
        }
    }

    /// <summary>
    /// What every control transfer meets before the request itself: a device that is gone, the fault
    /// knobs, a device still busy with flash work (Gen 2 does it inside the USB interrupt, so nothing
    /// answers until it is done), then the time the transfer takes on the bus.
    /// </summary>
    private void BeginRequest(TimeSpan timeout, int dataStageBytes)
    {
        TransferCount++;
        ThrowIfGone();
        if (Spec.Faults.FlakyEvery > 0 && TransferCount % Spec.Faults.FlakyEvery == 0)
        {
            if (_flaky.Next(2) == 0) throw Stall($"flaky USB: transfer {TransferCount} stalled");
            _clock.Sleep(timeout);
            throw new UsbTransferException(UsbFailure.Timeout, $"{DeviceId}: flaky USB: transfer {TransferCount} timed out");
        }
        var busy = _busyUntil - _clock.Elapsed;
        if (busy > timeout)
        {
            // The host gives up; the flash work goes on and completes (the device is busy, not broken).
            _clock.Sleep(timeout);
            throw new UsbTransferException(UsbFailure.Timeout, $"{DeviceId}: no answer within {timeout.TotalMilliseconds} ms: the device is busy with flash work");
        }
        _clock.Sleep(busy);
        _clock.Sleep(FlashTiming.UsbRequest(dataStageBytes));
    }

    private void ThrowIfGone()
    {
        if (_unplugged) throw new UsbTransferException(UsbFailure.DeviceGone, $"{DeviceId}: the device was unplugged");
        if (_resetAt is { } at && _clock.Elapsed >= at)
            throw new UsbTransferException(UsbFailure.DeviceGone, $"{DeviceId}: the device reset out of DFU mode");
    }

    private int Download(ushort block, ReadOnlySpan<byte> data)
    {
        if (_state is not (DfuState.DfuIdle or DfuState.DfuDownloadIdle)) throw WrongRequest($"DNLOAD in {_state}");
        if (data.Length > Functional.TransferSize)
            throw Stall($"DNLOAD of {data.Length} bytes exceeds the transfer size {Functional.TransferSize}");
        // ST's DFU core decides on wLength alone: a zero-length DNLOAD manifests whatever its block
        // number; dfu-util and particle-usb send it as block 2.
        if (data.Length == 0)
        {
            _pending = new DfuseRequest.Leave();
            _state = DfuState.DfuManifestSync;
            return 0;
        }
        if (block == 0)
        {
            _pending = Command(data);
            _state = DfuState.DfuDownloadSync;
            return data.Length;
        }
        // DfuSe data blocks start at 2; block 1 has no meaning (AN3156 §6.2).
        if (block == 1) throw Stall("DNLOAD block 1 is not a DfuSe block");

        _dataBlocks++;
        if (Spec.Faults.UnplugAfterDataBlocks is { } k && _dataBlocks > k && !_unplugFired)
        {
            _unplugFired = true;
            _unplugged = true;
            throw new UsbTransferException(UsbFailure.DeviceGone, $"{DeviceId}: unplugged during data block {_dataBlocks}");
        }
        _pending = new DfuseRequest.Write(BlockAddress(block), data.ToArray());
        _state = DfuState.DfuDownloadSync;
        return data.Length;
    }

    private static DfuseRequest Command(ReadOnlySpan<byte> data) => (data[0], data.Length) switch
    {
        (DfuseCommand.GetCommands, 1) => new DfuseRequest.GetCommands(),
        (DfuseCommand.SetAddressPointer, 5) => new DfuseRequest.SetAddress(BinaryPrimitives.ReadUInt32LittleEndian(data[1..])),
        (DfuseCommand.Erase, 5) => new DfuseRequest.Erase(BinaryPrimitives.ReadUInt32LittleEndian(data[1..])),
        // Mass erase (0x41 alone), read unprotect (0x92) and anything else: Particle's bootloaders stall them.
        _ => throw new UsbTransferException(UsbFailure.Stall, $"DfuSe command 0x{data[0]:x2} with {data.Length - 1} argument bytes is not implemented"),
    };

    // DfuSe: block n ≥ 2 addresses pointer + (n − 2) × transfer size (AN3156 §6.2, §6.3).
    private uint BlockAddress(ushort block) => unchecked(_pointer + (uint)(block - 2) * Functional.TransferSize);

    private int GetStatus(Span<byte> buffer)
    {
        if (buffer.Length < 6) throw Stall("GETSTATUS needs 6 bytes");
        var pollTimeout = TimeSpan.Zero;
        switch (_state)
        {
            case DfuState.DfuDownloadSync:
                pollTimeout = _pending is DfuseRequest.Erase ? CurrentAlt.ErasePollTimeout : CurrentAlt.WritePollTimeout;
                _state = DfuState.DfuDownloadBusy;
                if (!Spec.Faults.StuckBusy) StartWork(_pending!);
                break;
            case DfuState.DfuDownloadBusy when Spec.Faults.StuckBusy:
                break;
            case DfuState.DfuDownloadBusy:
                FinishWork();
                break;
            case DfuState.DfuManifestSync:
                Leave();
                break;
        }
        buffer[0] = (byte)_status;
        buffer[1] = (byte)pollTimeout.TotalMilliseconds;
        buffer[2] = (byte)((int)pollTimeout.TotalMilliseconds >> 8);
        buffer[3] = (byte)((int)pollTimeout.TotalMilliseconds >> 16);
        buffer[4] = (byte)_state;
        buffer[5] = 0;
        return 6;
    }

    /// <summary>The work a DNLOAD stored runs from the first GETSTATUS; the device stays busy for its duration.</summary>
    private void StartWork(DfuseRequest request)
    {
        _pending = null;
        var (duration, failure, reason) = FlashWork.Run(request, this);
        _busyUntil = _clock.Elapsed + duration;
        _failure = failure;
        _failureReason = reason;
    }

    // The GETSTATUS after dfuDNBUSY: reached only once the work is done (BeginRequest waited for it).
    private void FinishWork()
    {
        if (_failure == DfuStatusCode.Ok)
        {
            _state = DfuState.DfuDownloadIdle;
            return;
        }
        var reason = _failureReason;
        var failure = _failure;
        _failure = DfuStatusCode.Ok;
        if (Profile.StallsOnFailure)
        {
            // Gen 2 stalls EP0 and never reaches dfuERROR; the engine's ABORT finds it idle.
            ReturnToIdle();
            throw Stall(reason);
        }
        _state = DfuState.DfuError;
        _status = failure;
    }

    private void Leave()
    {
        HasLeftDfu = true;
        BootCount++;
        FactoryImage.Boot(Spec.Platform, _flash);
        _resetAt = _clock.Elapsed + Profile.ResetDelayAfterLeave;
        // Old bootloaders (the Core's) reset at once, so this GETSTATUS itself fails; Gen 2 answers dfuDNLOAD-IDLE first.
        ThrowIfGone();
        _state = DfuState.DfuDownloadIdle;
    }

    internal uint Pointer
    {
        get => _pointer;
        set => _pointer = value;
    }

    internal SimulatedFlash CurrentFlash => _flash[_alt];

    internal AltSettingProfile CurrentAlt => Profile.AltSettings[_alt];

    /// <summary>A write to the Gen 2 DCT (alt 1): the bootloader moves the DCT to the other copy with the bytes laid over.</summary>
    internal void WriteDct(uint offset, ReadOnlySpan<byte> data) => DctCopies.Write(Platform, _flash[1], _flash[0], offset, data);

    private int Upload(ushort block, Span<byte> buffer)
    {
        if (_state is not (DfuState.DfuIdle or DfuState.DfuUploadIdle)) throw WrongRequest($"UPLOAD in {_state}");
        if (buffer.Length > Functional.TransferSize)
            throw Stall($"UPLOAD of {buffer.Length} bytes exceeds the transfer size {Functional.TransferSize}");
        if (block == 1) throw Stall("UPLOAD block 1 is not a DfuSe block");
        if (block == 0)
        {
            // Get commands (AN3156 §6.3.1): the command byte itself, then the commands supported.
            ReadOnlySpan<byte> commands = [DfuseCommand.GetCommands, DfuseCommand.SetAddressPointer, DfuseCommand.Erase];
            var n = Math.Min(commands.Length, buffer.Length);
            commands[..n].CopyTo(buffer);
            _state = DfuState.DfuIdle;
            return n;
        }
        CurrentFlash.Read(BlockAddress(block), buffer);
        // A short frame ends the upload (DFU 1.1 §6.2): back to dfuIDLE.
        _state = buffer.Length < Functional.TransferSize ? DfuState.DfuIdle : DfuState.DfuUploadIdle;
        return buffer.Length;
    }

    private void ClearStatus()
    {
        if (_state == DfuState.DfuError)
        {
            ReturnToIdle();
            return;
        }
        // CLRSTATUS is valid only in dfuERROR (DFU 1.1 §6.1.3); the ST DFU library answers it elsewhere
        // by entering dfuERROR with errUNKNOWN, so a blind CLRSTATUS needs a second one.
        _state = DfuState.DfuError;
        _status = DfuStatusCode.ErrUnknown;
    }

    private void Abort()
    {
        // DFU 1.1 §6.1.4: back to dfuIDLE from the idle and sync states; the ST library ignores it in
        // dfuERROR (CLRSTATUS leaves that). dfuDNBUSY only lasts while the work does, which BeginRequest waited out.
        if (_state == DfuState.DfuError) return;
        ReturnToIdle();
    }

    private void ReturnToIdle()
    {
        _state = DfuState.DfuIdle;
        _status = DfuStatusCode.Ok;
        _pending = null;
        _failure = DfuStatusCode.Ok;
    }

    private UsbTransferException Stall(string reason) => new(UsbFailure.Stall, $"{DeviceId}: {reason}");

    // A request the state does not allow (DFU 1.1 §6.1: dfuERROR, errSTALLEDPKT); Gen 2 only stalls.
    private UsbTransferException WrongRequest(string what)
    {
        if (!Profile.StallsOnFailure)
        {
            _state = DfuState.DfuError;
            _status = DfuStatusCode.ErrStalledPkt;
        }
        return Stall($"{what}: not allowed in this state");
    }
}
