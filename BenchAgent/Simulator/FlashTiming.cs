namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>
/// How long a flash part takes to erase a sector and program bytes: the typical figures of
/// particle-facts.md, "Timing model defaults" (the worst-case figures are about twice these).
/// </summary>
public sealed record FlashTiming(string Part, Func<uint, TimeSpan> EraseSector, TimeSpan ProgramPerByte)
{
    /// <summary>STM32F205 sector erase 16 KiB 250 ms, 64 KiB 550 ms, 128 KiB 1000 ms; word program 16 µs (4 µs a byte).</summary>
    public static FlashTiming Stm32F2 { get; } = new("STM32F2",
        size => TimeSpan.FromMilliseconds(size <= 16 * 1024 ? 250 : size <= 64 * 1024 ? 550 : 1000),
        TimeSpan.FromMicroseconds(4));

    /// <summary>STM32F103 (Core) 1 KiB page erase 20 ms; half-word program 52.5 µs.</summary>
    public static FlashTiming Stm32F1 { get; } = new("STM32F103",
        _ => TimeSpan.FromMilliseconds(20),
        TimeSpan.FromMicroseconds(52.5 / 2));

    /// <summary>SST25VF016B on the Core (datasheet: 4 KiB sector erase 18 ms typical, 25 ms max; byte program 7–10 µs).</summary>
    public static FlashTiming Sst25 { get; } = new("SST25VF016B",
        _ => TimeSpan.FromMilliseconds(25),
        TimeSpan.FromMicroseconds(10));

    public TimeSpan Program(int bytes) => ProgramPerByte * bytes;

    /// <summary>
    /// USB full speed moves at most 19 × 64 = 1,216 bytes per 1 ms frame, and each control request
    /// costs about 1 ms of frames besides (particle-facts.md, "Timing model defaults").
    /// </summary>
    public static TimeSpan UsbRequest(int dataStageBytes) => TimeSpan.FromMilliseconds(1 + dataStageBytes / 1216.0);
}
