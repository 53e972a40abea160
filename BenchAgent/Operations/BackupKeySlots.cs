using PhotonSupport.BenchAgent.Particle;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Operations;

/// <summary>
/// Finds the key slots inside a backup image, as alt 1 offsets and the bytes to put back there.
/// A Gen 2 image holds two DCT copies (0x4000 and 0x8000 into it); the header before the application
/// section varies with the WICED SDK, so the section is found by content: an RSA-1024 PKCS#1 key starts
/// 34 bytes into it (particle-facts.md, "The application DCT"). A Core image is internal flash, then the
/// external flash that holds its keys.
/// </summary>
public static class BackupKeySlots
{
    private static readonly int[] DctCopies = [0x4000, 0x8000];
    private const int DctCopyLength = 0x4000;
    private const int CoreInternalLength = 0x20000;
    private const int CoreExternalLength = 0x200000;

    // SEQUENCE with a two-byte length of 0x25x, INTEGER 0 (version), INTEGER of 0x81 bytes (the modulus).
    private static ReadOnlySpan<byte> RsaKeyStart => [0x30, 0x82, 0x02];
    private static ReadOnlySpan<byte> RsaKeyAfterLength => [0x02, 0x01, 0x00, 0x02, 0x81, 0x81];

    public static IReadOnlyList<(uint Offset, byte[] Bytes)> Find(Platform platform, byte[] backup)
    {
        if (!PlatformCatalog.BackupSizes(platform).Contains(backup.LongLength))
            throw new InvalidOperationException($"A {backup.Length:N0}-byte image is not a {platform} backup.");
        var slots = KeySlots.For(platform);

        ReadOnlySpan<byte> keys;
        if (platform == Platform.Core)
        {
            if (backup.Length == CoreInternalLength) throw new InvalidOperationException("A Core backup of internal flash alone holds no keys.");
            keys = backup.AsSpan(backup.Length == CoreExternalLength ? 0 : CoreInternalLength);
        }
        else
        {
            keys = ApplicationSection(backup, (int)slots.ServerKey + slots.ServerKeySize)
                ?? throw new InvalidOperationException("The backup holds no device key in either DCT copy; there is nothing to restore.");
        }
        return
        [
            (slots.DevicePrivateKey, keys.Slice((int)slots.DevicePrivateKey, slots.DevicePrivateKeySize).ToArray()),
            (slots.ServerKey, keys.Slice((int)slots.ServerKey, slots.ServerKeySize).ToArray()),
        ];
    }

    /// <summary>The application DCT section of the first copy that holds an RSA device key.</summary>
    private static byte[]? ApplicationSection(byte[] backup, int sectionLength)
    {
        foreach (var copy in DctCopies)
        {
            var dct = backup.AsSpan(copy, DctCopyLength);
            for (var at = DctLayout.DevicePrivateKey; at + 10 <= dct.Length; at++)
            {
                if (!dct[at..].StartsWith(RsaKeyStart) || (dct[at + 3] & 0xF0) != 0x50 || !dct[(at + 4)..].StartsWith(RsaKeyAfterLength)) continue;
                var start = at - DctLayout.DevicePrivateKey;
                if (start + sectionLength <= dct.Length) return dct[start..(start + sectionLength)].ToArray();
            }
        }
        return null;
    }
}
