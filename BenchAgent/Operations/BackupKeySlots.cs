using PhotonSupport.Domain.Backups;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Operations;

/// <summary>
/// Finds the key slots inside a backup image, as alt 1 offsets and the bytes to put back there. Where the
/// keys sit (the active DCT copy's application section, or a Core's external flash) is the desk's
/// forensics' answer (<see cref="KeyAreas"/>), and so is whether the image holds a device key: a backup
/// without one is no copy of the device's identity, and restoring it would erase the key the device has.
/// </summary>
public static class BackupKeySlots
{
    public static IReadOnlyList<(uint Offset, byte[] Bytes)> Find(Platform platform, byte[] backup)
    {
        if (!PlatformCatalog.BackupSizes(platform).Contains(backup.LongLength))
            throw new InvalidOperationException($"A {backup.Length:N0}-byte image is not a {platform} backup.");
        var area = KeyAreas.Locate(platform, backup);
        var findings = BackupForensics.Analyze(platform, backup);
        if (area is null || !findings.HoldsDeviceKey)
            throw new InvalidOperationException($"The backup holds no device key; there is nothing to restore. {string.Join(" ", findings.Notes)}");

        var keys = area.Of(backup);
        var slots = KeySlots.For(platform);
        return
        [
            (slots.DevicePrivateKey, keys.Slice((int)slots.DevicePrivateKey, slots.DevicePrivateKeySize).ToArray()),
            (slots.ServerKey, keys.Slice((int)slots.ServerKey, slots.ServerKeySize).ToArray()),
        ];
    }
}
