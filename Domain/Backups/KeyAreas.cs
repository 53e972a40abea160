using System.Buffers.Binary;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Domain.Backups;

/// <summary>
/// Where a backup image keeps the keys: the bytes that alt 1 offsets index (the active DCT copy's
/// application section on Gen 2, the external flash on a Core), and the name the engineer reads.
/// </summary>
public sealed record KeyArea(string Name, int Offset, int Length)
{
    public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> image) => image.Slice(Offset, Length);
}

/// <summary>
/// Finds the key area of a backup image (particle-facts.md, "The application DCT"). A Gen 2 image holds
/// two DCT copies, one active; the header before the application section varies with the WICED SDK, so
/// the section is found by content: a device key that parses 34 (RSA) or 3106 (EC) bytes into it, or the
/// server key's SubjectPublicKeyInfo 2082 (RSA) or 3298 (EC) bytes into it; failing those, the shape of
/// a device key that does not parse (a truncated key is a damaged DCT, not no DCT). The Electron's DCD
/// marks its live copy with a seal (device-os services/inc/dcd.h) and keeps the retired one's older data,
/// so a sealed copy wins over the other whatever each holds; its section starts after the 8-byte header,
/// which reads a DCD whose keys are all erased.
/// </summary>
public static class KeyAreas
{
    /// <summary>The image's Gen 2 DCT copies, as offsets into a backup that starts at the internal flash's first byte.</summary>
    internal static IReadOnlyList<int> DctCopies(Platform platform)
    {
        var start = PlatformCatalog.Describe(platform).BackupDumps[0].Start;
        return [(int)(DctLayout.Copy1Address - start), (int)(DctLayout.Copy2Address - start)];
    }

    /// <summary>The key area, or null when the image has none: a Core's internal flash alone, or no recognisable DCT.</summary>
    public static KeyArea? Locate(Platform platform, ReadOnlySpan<byte> image)
    {
        if (!PlatformCatalog.BackupSizes(platform).Contains(image.Length)) return null;
        return platform == Platform.Core ? CoreExternalFlash(image.Length) : ActiveDct(platform, image);
    }

    private static KeyArea? CoreExternalFlash(int imageLength)
    {
        var dumps = PlatformCatalog.Describe(Platform.Core).BackupDumps;
        var (internalLength, externalLength) = ((int)dumps[0].Length, (int)dumps[1].Length);
        if (imageLength == internalLength) return null;
        return new KeyArea("external flash", imageLength - externalLength, externalLength);
    }

    private static KeyArea? ActiveDct(Platform platform, ReadOnlySpan<byte> image)
    {
        var slots = KeySlots.For(platform);
        var sectionLength = (int)slots.ServerKey + slots.ServerKeySize;
        var copies = DctCopies(platform);
        (int Copy, DcdState State, Evidence Level, int Start)? best = null;
        for (var copy = 0; copy < copies.Count; copy++)
        {
            var dct = image.Slice(copies[copy], DctLayout.Size);
            var state = Dcd(dct);
            if (state == DcdState.Sealed && best is null or { State: not DcdState.Sealed })
                best = (copy, state, Evidence.DcdHeader, DctLayout.DcdHeaderSize);
            if (Section(dct, sectionLength) is not { } found) continue;
            if (best is not { } current || (state, found.Level).CompareTo((current.State, current.Level)) > 0)
                best = (copy, state, found.Level, found.Start);
        }
        return best is { } chosen
            ? new KeyArea($"DCT copy {chosen.Copy + 1} at 0x{copies[chosen.Copy]:x}", copies[chosen.Copy] + chosen.Start, sectionLength)
            : null;
    }

    // Ordered so that more is better: a retired DCD copy loses to any other, a sealed one beats any other.
    private enum DcdState { Retired, None, Sealed }

    private enum Evidence { DcdHeader, KeyShape, Key }

    private static DcdState Dcd(ReadOnlySpan<byte> copy)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(copy) != DctLayout.DcdWatermark) return DcdState.None;
        return BinaryPrimitives.ReadUInt32LittleEndian(copy[4..]) == DctLayout.DcdSealValid ? DcdState.Sealed : DcdState.Retired;
    }

    /// <summary>The first section start with the strongest evidence in one copy.</summary>
    private static (int Start, Evidence Level)? Section(ReadOnlySpan<byte> dct, int sectionLength)
    {
        int? shapeOnly = null;
        for (var start = 0; start + sectionLength <= dct.Length; start++)
        {
            var section = dct[start..];
            if (HoldsKey(section)) return (start, Evidence.Key);
            if (shapeOnly is null && HoldsKeyShape(section)) shapeOnly = start;
        }
        return shapeOnly is { } at ? (at, Evidence.KeyShape) : null;
    }

    private static bool HoldsKey(ReadOnlySpan<byte> section) =>
        DeviceKeyAt(section, DctLayout.DevicePrivateKey, DevicePrivateKeys.StartsRsaPrivateKey)
        || DeviceKeyAt(section, DctLayout.EcDevicePrivateKey, DevicePrivateKeys.StartsEcPrivateKey)
        || At(section, DctLayout.ServerPublicKey).StartsWith(ServerKeys.Rsa2048Prefix)
        || At(section, DctLayout.EcServerPublicKey).StartsWith(ServerKeys.P256Prefix);

    private static bool HoldsKeyShape(ReadOnlySpan<byte> section) =>
        DevicePrivateKeys.StartsRsaPrivateKey(At(section, DctLayout.DevicePrivateKey))
        || DevicePrivateKeys.StartsEcPrivateKey(At(section, DctLayout.EcDevicePrivateKey));

    private delegate bool KeyStart(ReadOnlySpan<byte> bytes);

    // A key shape alone could be chance; a key whose public half can be derived is a key.
    private static bool DeviceKeyAt(ReadOnlySpan<byte> section, int offset, KeyStart startsKey) =>
        startsKey(At(section, offset)) && DevicePrivateKeys.PublicKeyOf(At(section, offset)) is not null;

    private static ReadOnlySpan<byte> At(ReadOnlySpan<byte> section, int offset) =>
        offset < section.Length ? section[offset..] : [];
}
