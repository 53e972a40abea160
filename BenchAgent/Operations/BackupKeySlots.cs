using System.Buffers.Binary;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Operations;

/// <summary>
/// Finds the key slots inside a backup image, as alt 1 offsets and the bytes to put back there.
/// A Gen 2 image holds two DCT copies (0x4000 and 0x8000 into it), one active and the other erased (or,
/// on the Electron, retired under an "invalid" seal with older data); the header before the application section varies with the WICED SDK, so the section is found
/// by content: an RSA-1024 PKCS#1 key starts 34 bytes into it, or an EC P-256 key 3106 bytes into it
/// (an Electron that only ever spoke UDP may have no RSA key; particle-facts.md, "The application DCT").
/// A Core image is internal flash, then the external flash that holds its keys.
/// </summary>
public static class BackupKeySlots
{
    private static readonly int[] DctCopies = [0x4000, 0x8000];
    private const int DctCopyLength = 0x4000;
    private const int CoreInternalLength = 0x20000;
    private const int CoreExternalLength = 0x200000;

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
                ?? throw new InvalidOperationException("The backup holds no RSA or EC device key in either DCT copy; there is nothing to restore.");
        }
        return
        [
            (slots.DevicePrivateKey, keys.Slice((int)slots.DevicePrivateKey, slots.DevicePrivateKeySize).ToArray()),
            (slots.ServerKey, keys.Slice((int)slots.ServerKey, slots.ServerKeySize).ToArray()),
        ];
    }

    /// <summary>
    /// The application DCT section of the first copy that holds an RSA or an EC device key where the DCT
    /// keeps it. An Electron's retired DCD copy keeps its (older) data, so it is looked at last.
    /// </summary>
    private static byte[]? ApplicationSection(byte[] backup, int sectionLength)
    {
        foreach (var copy in DctCopies.OrderBy(copy => IsRetiredDcd(backup.AsSpan(copy))))
        {
            var dct = backup.AsSpan(copy, DctCopyLength);
            for (var start = 0; start + sectionLength <= dct.Length; start++)
            {
                if (IsKeyAt(dct, start + DctLayout.DevicePrivateKey, DevicePrivateKeys.StartsRsaPrivateKey)
                    || IsKeyAt(dct, start + DctLayout.EcDevicePrivateKey, DevicePrivateKeys.StartsEcPrivateKey))
                    return dct[start..(start + sectionLength)].ToArray();
            }
        }
        return null;
    }

    private static bool IsRetiredDcd(ReadOnlySpan<byte> copy) =>
        BinaryPrimitives.ReadUInt32LittleEndian(copy) == DctLayout.DcdWatermark
        && BinaryPrimitives.ReadUInt32LittleEndian(copy[4..]) != DctLayout.DcdSealValid;

    private delegate bool KeyStart(ReadOnlySpan<byte> bytes);

    // A key shape alone could be chance; a key whose public half can be derived is a key.
    private static bool IsKeyAt(ReadOnlySpan<byte> dct, int at, KeyStart startsKey) =>
        at < dct.Length && startsKey(dct[at..]) && DevicePrivateKeys.PublicKeyOf(dct[at..]) is not null;
}
