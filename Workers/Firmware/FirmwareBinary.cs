using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Workers.Firmware;

/// <summary>
/// A binary operators loaded for bench jobs (Tinker, system parts, the CC3000 patch programmer).
/// Kept in PostgreSQL with the rest, so every node serves the same library.
/// </summary>
public sealed class FirmwareBinary
{
    /// <summary>"photon/tinker": one binary per platform and name; a new upload replaces the old.</summary>
    public string Id { get; set; } = "";

    public Platform Platform { get; set; }

    public string Name { get; set; } = "";

    public ModuleFunction Function { get; set; }

    public byte ModuleIndex { get; set; }

    public ushort ModuleVersion { get; set; }

    public uint StartAddress { get; set; }

    public int Length { get; set; }

    public string Sha256 { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public string UploadedBy { get; set; } = "";

    public DateTimeOffset UploadedAt { get; set; }

    public static string IdFor(Platform platform, string name) => $"{platform.ToString().ToLowerInvariant()}/{name}";
}

/// <summary>The library's listing: everything but the bytes.</summary>
public sealed record FirmwareSummary(Platform Platform, string Name, ModuleFunction Function, byte ModuleIndex, ushort ModuleVersion,
    uint StartAddress, int Length, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);
