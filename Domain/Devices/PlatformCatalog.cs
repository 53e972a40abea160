namespace PhotonSupport.Domain.Devices;

/// <summary>What the support desk needs to know about a platform (particle-facts.md, "Platforms").</summary>
public sealed record PlatformInfo(Platform Platform, string DfuUsbId, string NormalUsbId, IReadOnlyList<FlashRegionDump> BackupDumps);

/// <summary>One dfu-util read the owner runs to back up a region of the device.</summary>
public sealed record FlashRegionDump(int AltSetting, uint Start, uint Length, string FilePrefix);

public static class PlatformCatalog
{
    private static readonly FlashRegionDump WholeInternalFlash = new(0, 0x08000000, 0x100000, "backup");

    public static IReadOnlyList<Platform> All { get; } = Enum.GetValues<Platform>();

    public static IReadOnlyList<string> Names { get; } = EnumNames.Of<Platform>();

    public static PlatformInfo Describe(Platform platform) => platform switch
    {
        Platform.Core => new(platform, "1d50:607f", "1d50:607d",
        [
            new FlashRegionDump(0, 0x08000000, 0x20000, "internal_backup"),
            new FlashRegionDump(1, 0x0, 0x200000, "backup"),
        ]),
        Platform.Photon => new(platform, "2b04:d006", "2b04:c006", [WholeInternalFlash]),
        Platform.P1 => new(platform, "2b04:d008", "2b04:c008", [WholeInternalFlash]),
        Platform.Electron => new(platform, "2b04:d00a", "2b04:c00a", [WholeInternalFlash]),
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "not a Particle platform we recover"),
    };

    /// <summary>
    /// Sizes a backup image of the platform may have: the whole internal flash; for a Core also the
    /// external flash alone, or both concatenated internal first (what a bench backup produces).
    /// </summary>
    public static IReadOnlyList<long> BackupSizes(Platform platform) => platform == Platform.Core
        ? [0x20000, 0x200000, 0x20000 + 0x200000]
        : [0x100000];

    /// <summary>
    /// The dfu-util lines an owner runs to send us a backup, with the file names we file them under
    /// (upper-case platform, then the device id, as the founding thread asked for).
    /// </summary>
    public static IReadOnlyList<string> BackupCommands(Platform platform, string deviceId)
    {
        var info = Describe(platform);
        return info.BackupDumps
            .Select(d => $"dfu-util -d {info.DfuUsbId} -a {d.AltSetting} -s 0x{d.Start:x}:0x{d.Length:x} -U {BackupFileName(platform, d, deviceId)}")
            .ToArray();
    }

    /// <summary>The files those lines write, in the same order: what the owner attaches to the reply.</summary>
    public static IReadOnlyList<string> BackupFileNames(Platform platform, string deviceId) =>
        Describe(platform).BackupDumps.Select(d => BackupFileName(platform, d, deviceId)).ToArray();

    private static string BackupFileName(Platform platform, FlashRegionDump dump, string deviceId) =>
        $"{platform.ToString().ToUpperInvariant()}_{dump.FilePrefix}_{deviceId}.bin";
}
