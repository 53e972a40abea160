using PhotonSupport.BenchAgent.Usb;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>What one alt setting of a simulated device is: its DfuSe string, flash part, and the bootloader's limits.</summary>
public sealed record AltSettingProfile(
    string Name,
    FlashTiming Timing,
    // bwPollTimeout the bootloader reports at the first GETSTATUS after an erase command, and after
    // anything else (a data block, set address). Gen 2 reports 0 even while erasing.
    TimeSpan ErasePollTimeout,
    TimeSpan WritePollTimeout,
    // Below this address the bootloader refuses erase and write whatever the mode letter says.
    uint ProtectedBelow,
    // The Gen 2 DCT: erase is a no-op and a write moves the DCT to its other copy (DctCopies).
    bool VirtualDct = false);

/// <summary>A platform's bootloader as the host sees it (particle-facts.md, "Platforms" and "How real devices behave").</summary>
public sealed record DeviceProfile(
    Platform Platform,
    ushort VendorId,
    ushort ProductId,
    DfuFunctionalDescriptor Functional,
    IReadOnlyList<AltSettingProfile> AltSettings,
    // Gen 2 stalls a refused request; the Core's STM32F1 library reports it in GETSTATUS and enters dfuERROR.
    bool StallsOnFailure,
    // Gen 2 answers the GETSTATUS after the leave request and resets ~500 ms later; the Core resets at once.
    TimeSpan ResetDelayAfterLeave,
    // The Core programs half-words: an odd trailing byte of a data block is never written.
    bool ProgramsHalfWords)
{
    public const string Gen2InternalFlash = "@Internal Flash   /0x08000000/03*016Ka,01*016Kg,01*064Kg,07*128Kg";
    public const string Gen2DctFlash = "@DCT Flash   /0x00000000/01*016Kg";
    public const string CoreInternalFlash = "@Internal Flash  /0x08000000/20*001Ka,108*001Kg";
    public const string CoreSpiFlash = "@SPI Flash : SST25x/0x00000000/512*04Kg";

    /// <summary>The Gen 2 bootloader refuses writes below system part 1 over alt 0, though sectors 3–4 are marked 'g'.</summary>
    public const uint Gen2FirstWritableAddress = 0x08020000;

    public static DeviceProfile For(Platform platform) => platform switch
    {
        Platform.Core => new(platform, 0x1d50, 0x607f,
            // Transfer size 1024: the Core bootloader's buffer (particle-facts.md, "Transfer sizes").
            new DfuFunctionalDescriptor(0x0B, 255, 1024, 0x011A),
            [
                // device-os bootloader/src/core/usb_conf.h: INTERN_FLASH_SECTOR_ERASE_TIME / _WRITE_TIME 50 ms,
                // SPI_FLASH_SECTOR_ERASE_TIME 20 ms, SPI_FLASH_SECTOR_WRITE_TIME 30 ms. The SST25's 4 KiB
                // erase can outlast the 20 ms it asks for (25 ms here), so a host must poll again.
                new AltSettingProfile(CoreInternalFlash, FlashTiming.Stm32F1, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), 0),
                new AltSettingProfile(CoreSpiFlash, FlashTiming.Sst25, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(30), 0),
            ],
            StallsOnFailure: false, ResetDelayAfterLeave: TimeSpan.Zero, ProgramsHalfWords: true),
        Platform.Photon or Platform.P1 or Platform.Electron => new(platform, 0x2b04, (ushort)(0xd000 | (int)platform),
            new DfuFunctionalDescriptor(0x0B, 255, 4096, 0x011A),
            [
                new AltSettingProfile(Gen2InternalFlash, FlashTiming.Stm32F2, TimeSpan.Zero, TimeSpan.Zero, Gen2FirstWritableAddress),
                new AltSettingProfile(Gen2DctFlash, FlashTiming.Stm32F2, TimeSpan.Zero, TimeSpan.Zero, 0, VirtualDct: true),
            ],
            StallsOnFailure: true, ResetDelayAfterLeave: TimeSpan.FromMilliseconds(500), ProgramsHalfWords: false),
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "not a Particle platform we simulate"),
    };
}
