using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Cli;

/// <summary>
/// Whether a binary belongs where <c>flash</c> was told to write it. Its device-os module header says
/// which platform and start address it was built for (particle-facts.md: take the destination from
/// the header, not the file name); a binary written anywhere else does not boot, or overwrites the
/// system firmware.
/// </summary>
public static class FlashTarget
{
    /// <summary>Why the binary does not belong at <paramref name="address"/> on <paramref name="platform"/>, or null when its header says it does.</summary>
    public static string? Mismatch(Platform platform, uint address, byte[] binary)
    {
        // A header where the other generation keeps it (Core vs Gen 2) still names the platform it was built for.
        var header = ModuleInfo.Locate(platform, binary) ?? ModuleInfo.Locate(platform == Platform.Core ? Platform.Photon : Platform.Core, binary);
        if (header is null)
            return "it has no device-os module header, so nothing says it belongs there";
        if (header.PlatformId != (ushort)platform || header.StartAddress != address)
            return $"its module header says {NameOf(header.PlatformId)} at 0x{header.StartAddress:x8}, but the target is {platform} at 0x{address:x8}";
        return FirmwareRegions.Check(platform, binary).Problem;
    }

    private static string NameOf(ushort platformId) =>
        Enum.IsDefined((Platform)platformId) ? ((Platform)platformId).ToString() : $"platform id {platformId}";
}
