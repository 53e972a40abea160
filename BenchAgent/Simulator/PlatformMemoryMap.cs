using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>A module's place in internal flash.</summary>
public sealed record FlashRegion(uint Start, uint Size)
{
    public uint End => Start + Size;
}

/// <summary>
/// Where each module lives in internal flash (particle-facts.md, "Memory maps"). The factory reset application is internal on the Photon and P1 only (the Core keeps it in external flash at 0x20000).
/// </summary>
public sealed record PlatformMemoryMap(FlashRegion Bootloader, IReadOnlyList<FlashRegion> SystemParts, FlashRegion UserApp, FlashRegion? FactoryResetApp = null)
{
    public static PlatformMemoryMap For(Platform platform) => platform switch
    {
        // The Core runs one monolithic firmware where later platforms put the user part.
        Platform.Core => new(new(0x08000000, 0x5000), [], new(0x08005000, 0x1B000)),
        Platform.Photon or Platform.P1 => new(new(0x08000000, 0x4000),
            [new(0x08020000, 0x40000), new(0x08060000, 0x40000)], new(0x080A0000, 0x20000), new(0x080E0000, 0x20000)),
        Platform.Electron => new(new(0x08000000, 0x4000),
            [new(0x08020000, 0x20000), new(0x08040000, 0x20000), new(0x08060000, 0x20000)], new(0x08080000, 0x20000)),
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "not a Particle platform we simulate"),
    };
}
