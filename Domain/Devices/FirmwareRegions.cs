namespace PhotonSupport.Domain.Devices;

/// <summary>A flash region a module may be written to, over DFU alt 0.</summary>
public sealed record FirmwareRegion(string Name, ModuleFunction Function, byte Index, uint Start, uint Size);

/// <summary>
/// Where each kind of module lives on each platform (particle-facts.md, "Memory maps"), and the check
/// a binary passes before it is accepted into the firmware library or written to a device.
/// </summary>
public static class FirmwareRegions
{
    private const uint KiB = 1024;

    public static IReadOnlyList<FirmwareRegion> For(Platform platform) => platform switch
    {
        Platform.Core => [new("firmware", ModuleFunction.MonoFirmware, 0, 0x08005000, 108 * KiB)],
        Platform.Electron =>
        [
            new("system-part1", ModuleFunction.SystemPart, 1, 0x08020000, 128 * KiB),
            new("system-part2", ModuleFunction.SystemPart, 2, 0x08040000, 128 * KiB),
            new("system-part3", ModuleFunction.SystemPart, 3, 0x08060000, 128 * KiB),
            new("user-part", ModuleFunction.UserPart, 1, 0x08080000, 128 * KiB),
        ],
        _ =>
        [
            new("system-part1", ModuleFunction.SystemPart, 1, 0x08020000, 256 * KiB),
            new("system-part2", ModuleFunction.SystemPart, 2, 0x08060000, 256 * KiB),
            new("user-part", ModuleFunction.UserPart, 1, 0x080A0000, 128 * KiB),
        ],
    };

    /// <summary>The region the binary's header points at, or why the binary can't go on this platform.</summary>
    public static (ModuleInfo? Header, FirmwareRegion? Region, string? Problem) Check(Platform platform, ReadOnlySpan<byte> binary)
    {
        if (ModuleInfo.Locate(platform, binary) is not { } header)
            return (null, null, "no device-os module header (module_info) where a module of this platform carries it");
        if (header.PlatformId != (ushort)platform)
            return (header, null, $"the header says platform {header.PlatformId}, not {platform} ({(int)platform})");
        var region = For(platform).FirstOrDefault(r => r.Start == header.StartAddress && r.Function == header.Function);
        if (region is null)
            return (header, null, $"no {platform} region starts at 0x{header.StartAddress:x8} for a {header.Function} module");
        if (binary.Length > region.Size)
            return (header, region, $"{binary.Length:N0} bytes do not fit the {region.Size:N0}-byte {region.Name} region");
        if (header.DeclaredLength != binary.Length)
            return (header, region, $"the header declares {header.DeclaredLength:N0} bytes but the binary has {binary.Length:N0}");
        return (header, region, null);
    }

    /// <summary>A binary with a valid header for a region, filled with a recognisable pattern: the test and simulator firmware.</summary>
    public static byte[] SyntheticModule(Platform platform, FirmwareRegion region, int length, ushort version, byte fill)
    {
        var binary = new byte[length];
        Array.Fill(binary, fill);
        new ModuleInfo(region.Start, region.Start + (uint)length - 4, 0, version, (ushort)platform, region.Function, region.Index,
            ModuleDependency.NoneRequired, ModuleDependency.NoneRequired).WriteInto(binary, platform == Platform.Core);
        return binary;
    }
}
