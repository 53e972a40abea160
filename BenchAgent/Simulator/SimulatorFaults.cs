using System.Globalization;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>
/// Misbehaviour the engine must survive, each off by default. A spec string turns them on by the names
/// of <see cref="Vocabulary"/> (<see cref="SimulatedDeviceSpec.Parse"/>).
/// </summary>
public sealed record SimulatorFaults
{
    public static SimulatorFaults None { get; } = new();

    /// <summary>
    /// Every fault a spec string can name: the one list the parser reads and the CLI's help prints, so a
    /// fault added here is both accepted and documented.
    /// </summary>
    public static IReadOnlyList<SimulatorFault> Vocabulary { get; } =
    [
        // The seed comes from the device id, so the same spec fails the same transfers the same way every run.
        new("flaky-usb", "N", $"every Nth control transfer stalls or times out (default {SimulatedDeviceSpec.DefaultFlakyEvery})",
            (faults, n, deviceId) => faults with
            {
                FlakyEvery = n ?? SimulatedDeviceSpec.DefaultFlakyEvery,
                FlakySeed = int.Parse(deviceId[..7], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            }),
        new("unplug-mid-write", "K", $"the device is unplugged after K data blocks (default {SimulatedDeviceSpec.DefaultUnplugAfterDataBlocks})",
            (faults, k, _) => faults with { UnplugAfterDataBlocks = k ?? SimulatedDeviceSpec.DefaultUnplugAfterDataBlocks }),
        new("stuck-busy", null, "GETSTATUS answers dfuDNBUSY for ever after a command or data block",
            (faults, _, _) => faults with { StuckBusy = true }),
        new("erase-silently-fails", null, "an erase reports success and changes nothing",
            (faults, _, _) => faults with { EraseSilentlyFails = true }),
        new("swapped-on-port", null, "another device answers on the port once opened: the agent refuses to write to it",
            (faults, _, _) => faults with { SwappedOnPort = true }),
    ];

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

/// <summary>
/// One fault as a spec string names it: <see cref="Name"/>, optionally <c>=</c> and a positive
/// number (<see cref="Number"/> names it in the syntax; null when the fault takes none), and how it
/// turns the fault on given that number and the device id.
/// </summary>
public sealed record SimulatorFault(string Name, string? Number, string Meaning, Func<SimulatorFaults, int?, string, SimulatorFaults> Apply)
{
    /// <summary>How the help text and error messages write it: <c>flaky-usb[=N]</c>.</summary>
    public string Syntax => Number is null ? Name : $"{Name}[={Number}]";
}
