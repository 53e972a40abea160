using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Domain.Backups;

/// <summary>
/// What a backup image says about the device's keys, read without a device (particle-facts.md, "The
/// application DCT", "Memory maps", "Operations"). Any bytes classify: an image that is not what it should
/// be is a finding with a note, never an exception.
/// </summary>
public static class BackupForensics
{
    public static BackupFindings Analyze(Platform platform, ReadOnlySpan<byte> image)
    {
        var notes = new List<string>();
        if (!PlatformCatalog.BackupSizes(platform).Contains(image.Length))
        {
            notes.Add($"A {image.Length:N0}-byte image is not a {platform} backup ({string.Join(", ", PlatformCatalog.BackupSizes(platform).Select(s => $"{s:N0}"))} bytes).");
            return Unread(KeyCondition.Corrupt, notes);
        }
        if (KeyAreas.Locate(platform, image) is not { } area)
            return Unread(NoKeyArea(platform, image, notes), notes);

        var keys = area.Of(image);
        var slots = KeySlots.For(platform);
        var serverKey = ServerKeySlot.Read(platform, keys.Slice((int)slots.ServerKey, slots.ServerKeySize), notes);
        var deviceKey = DeviceKeySlot.Read(platform, keys, notes);
        return new BackupFindings(area.Name, serverKey, deviceKey, notes);
    }

    /// <summary>
    /// The fault the findings show and the bench jobs that mend it, server key first (particle-facts.md, "LED
    /// patterns": the same causes and jobs). Null when there is nothing to mend, when the keys belong to a
    /// private cloud, or when the image holds no key area to judge (its notes say why). Never Backup: the
    /// image is the backup.
    /// </summary>
    public static (string Cause, IReadOnlyList<RecoveryJobKind> Plan)? Diagnosis(BackupFindings findings)
    {
        if (findings.KeyArea is null) return null;
        var causes = new List<string>();
        var plan = new List<RecoveryJobKind>();
        if (findings.ServerKey.Condition != KeyCondition.Valid)
        {
            causes.Add($"server public key {Word(findings.ServerKey.Condition)}");
            plan.Add(RecoveryJobKind.RestoreServerKey);
        }
        var deviceCause = findings.DeviceKey.Condition != KeyCondition.Valid ? $"device private key {Word(findings.DeviceKey.Condition)}"
            : findings.DeviceKey.StoredPublicKeyMatches == false ? "device public key does not match its private key"
            : null;
        if (deviceCause is not null)
        {
            causes.Add(deviceCause);
            plan.Add(RecoveryJobKind.RegenerateDeviceKeys);
        }
        return causes.Count == 0 ? null : (string.Join(" and ", causes), plan);
    }

    private static string Word(KeyCondition condition) => condition == KeyCondition.Missing ? "missing" : "corrupt";

    private static BackupFindings Unread(KeyCondition condition, List<string> notes) => new(null,
        new ServerKeyFinding(condition, null, null, null, null, null), new DeviceKeyFinding(condition, null, null, null), notes);

    /// <summary>Why an image of the right size has no key area: keys not in it (missing), or no DCT in it (corrupt).</summary>
    private static KeyCondition NoKeyArea(Platform platform, ReadOnlySpan<byte> image, List<string> notes)
    {
        if (platform == Platform.Core)
        {
            notes.Add("The image is internal flash only: a Core keeps its keys in external flash.");
            return KeyCondition.Missing;
        }
        var erased = true;
        foreach (var copy in KeyAreas.DctCopies(platform)) erased &= KeySlotBytes.Erased(image.Slice(copy, DctLayout.Size));
        if (erased)
        {
            notes.Add("Both DCT copies are erased: the image holds no keys.");
            return KeyCondition.Missing;
        }
        notes.Add("No DCT was recognised in either copy (no key, nor the shape of one, where the application DCT keeps them): "
            + "the image may not be a backup of this device's flash.");
        return KeyCondition.Corrupt;
    }
}
