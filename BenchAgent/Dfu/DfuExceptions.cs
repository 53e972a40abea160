using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Dfu;

/// <summary>
/// A DFU operation failed. Every failure names the phase it happened in ("erase", "write",
/// "verify", "read", "leave", "recover") and the device address it was working on.
/// </summary>
public class DfuException(string phase, uint address, string detail, Exception? inner = null)
    : Exception($"{phase} at {Hex(address)}: {detail}", inner)
{
    public string Phase { get; } = phase;

    public uint Address { get; } = address;

    public static string Hex(uint address) => $"0x{address:x8}";

    /// <summary>The typed error for a failed control transfer during <paramref name="phase"/>.</summary>
    public static DfuException FromUsb(UsbTransferException failure, string phase, uint address) => failure.Failure switch
    {
        UsbFailure.DeviceGone => new DfuDeviceGoneException(phase, address, failure),
        UsbFailure.Timeout => new DfuTimeoutException(phase, address, "the device did not answer in time", failure),
        // DFU 1.1 §6.1.2: a request the device refuses ends in dfuERROR with errSTALLEDPKT.
        UsbFailure.Stall => new DfuStatusException(phase, address, DfuStatusCode.ErrStalledPkt, DfuState.DfuError, failure),
        _ => new DfuException(phase, address, $"USB {failure.Failure}: {failure.Message}", failure),
    };
}

/// <summary>The memory layout forbids the access; nothing was sent to the device.</summary>
public sealed class DfuPermissionDeniedException(string phase, uint address, string region, string detail)
    : DfuException(phase, address, $"{region}: {detail}")
{
    public string Region { get; } = region;
}

/// <summary>The read-back after a write differs from what was written.</summary>
public sealed class DfuVerifyException(uint address, string region, byte expected, byte actual)
    : DfuException("verify", address, $"{region}: read back 0x{actual:x2}, wrote 0x{expected:x2}")
{
    public string Region { get; } = region;

    public byte Expected { get; } = expected;

    public byte Actual { get; } = actual;
}

/// <summary>The device reported (or, by stalling, implied) an error status or an unexpected state.</summary>
public sealed class DfuStatusException(string phase, uint address, DfuStatusCode status, DfuState state, Exception? inner = null)
    : DfuException(phase, address, Describe(status, state, inner), inner)
{
    public DfuStatusCode Status { get; } = status;

    public DfuState State { get; } = state;

    private static string Describe(DfuStatusCode status, DfuState state, Exception? inner) =>
        inner is UsbTransferException { Failure: UsbFailure.Stall }
            ? "the device stalled the request"
            : $"device reports {status.SpecName()} in {state.SpecName()}";
}

/// <summary>The device left the bus (unplugged, or reset).</summary>
public sealed class DfuDeviceGoneException(string phase, uint address, Exception? inner = null)
    : DfuException(phase, address, "device gone", inner);

/// <summary>The device did not answer, or stayed busy past the deadline.</summary>
public sealed class DfuTimeoutException(string phase, uint address, string detail, Exception? inner = null)
    : DfuException(phase, address, detail, inner);

/// <summary>
/// The device on the port is not the one the work is for (swapped since it was listed); refused before
/// the first write, so nothing was written to it.
/// </summary>
public sealed class DfuWrongDeviceException(uint address, string expected, string found, string why)
    : DfuException("identity", address, $"refusing to touch it: the work is for device {expected}, but the device on the port is {found} ({why})")
{
    public string Expected { get; } = expected;

    public string Found { get; } = found;
}
