namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>
/// Misbehaviour the engine must survive, each off by default. A spec string turns them on
/// (<see cref="SimulatedDeviceSpec.Parse"/>): <c>flaky-usb[=N]</c>, <c>unplug-mid-write[=K]</c>,
/// <c>stuck-busy</c>, <c>erase-silently-fails</c>, <c>swapped-on-port</c>.
/// </summary>
public sealed record SimulatorFaults
{
    public static SimulatorFaults None { get; } = new();

    /// <summary>Every Nth control transfer fails (0 = never); stall or timeout, chosen by <see cref="FlakySeed"/>.</summary>
    public int FlakyEvery { get; init; }

    public int FlakySeed { get; init; }

    /// <summary>After this many data blocks the device is unplugged (null = never).</summary>
    public int? UnplugAfterDataBlocks { get; init; }

    /// <summary>After a command or data block, GETSTATUS answers dfuDNBUSY for ever.</summary>
    public bool StuckBusy { get; init; }

    /// <summary>An erase reports success and changes nothing: what the engine's read-back must catch.</summary>
    public bool EraseSilentlyFails { get; init; }

    /// <summary>
    /// Another device took this one's place on the port between listing and opening: enumeration still
    /// names this device, but its serial number string, read over the open handle, names the other,
    /// whose id has each hex digit of this one's subtracted from f ("0123…" becomes "fedc…").
    /// </summary>
    public bool SwappedOnPort { get; init; }
}
