using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Simulator;

namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// The fastest a DfuSe host could do the work on the simulator's timing model (particle-facts.md, "Timing model
/// defaults", as <see cref="FlashTiming"/> holds it): every control request costs 1 ms plus its data at USB full
/// speed's 1,216 bytes per 1 ms frame, and the flash is busy for its sector erases and 4 µs per programmed byte.
/// Only the requests the protocol cannot do without are counted (DFU 1.1, ST AN3156):
/// <list type="bullet">
/// <item>a DfuSe command (Set Address Pointer, Erase) = DNLOAD of 5 bytes + GETSTATUS (starts it) + GETSTATUS (done);</item>
/// <item>a read of L bytes = Set Address Pointer + ABORT (UPLOAD starts from dfuIDLE) + one UPLOAD per transfer-size block;</item>
/// <item>a write of L bytes = an Erase per sector touched + its erase time, Set Address Pointer, per block a DNLOAD +
/// 2 GETSTATUS + the block's program time, then the read-back (a read of L bytes), which our engine always does.</item>
/// </list>
/// So ceiling = Σ requests (1 ms + bytes / 1,216 ms) + Σ erase(sector) + L × 4 µs. Not counted: what the engine adds
/// for safety (asking the device who it is, returning to dfuIDLE before and after, its 5 ms least poll interval).
/// </summary>
public static class DfuCeiling
{
    private const int CommandBytes = 5;
    private const int StatusBytes = 6;

    public const string Formula =
        "ceiling = Σ requests × (1 ms + bytes / 1,216 ms) + Σ sector erase + bytes × 4 µs; requests as a DfuSe host must send them: " +
        "a command (set address, erase) = DNLOAD 5 B + 2 GETSTATUS; a read = set address + ABORT + an UPLOAD per 4,096 B; " +
        "a write = erase per sector + set address + per 4,096 B block DNLOAD + 2 GETSTATUS, then the read-back";

    public static TimeSpan Read(DeviceProfile profile, int length) =>
        Command() + FlashTiming.UsbRequest(0) + Blocks(profile, length).Aggregate(TimeSpan.Zero, (sum, block) => sum + FlashTiming.UsbRequest(block));

    public static TimeSpan Write(DeviceProfile profile, int alt, uint address, int length)
    {
        var timing = profile.AltSettings[alt].Timing;
        var layout = MemoryLayout.Parse(profile.AltSettings[alt].Name);
        var erase = layout.SectorsTouching(address, length).Aggregate(TimeSpan.Zero, (sum, sector) => sum + Command() + timing.EraseSector(sector.Size));
        var download = Blocks(profile, length).Aggregate(TimeSpan.Zero,
            (sum, block) => sum + FlashTiming.UsbRequest(block) + Status() + Status() + timing.Program(block));
        return erase + Command() + download + Read(profile, length);
    }

    private static TimeSpan Command() => FlashTiming.UsbRequest(CommandBytes) + Status() + Status();

    private static TimeSpan Status() => FlashTiming.UsbRequest(StatusBytes);

    private static IEnumerable<int> Blocks(DeviceProfile profile, int length)
    {
        var size = profile.Functional.TransferSize;
        for (var offset = 0; offset < length; offset += size) yield return Math.Min(size, length - offset);
    }
}
