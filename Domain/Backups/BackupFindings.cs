namespace PhotonSupport.Domain.Backups;

/// <summary>What forensics made of a key slot: erased (all 0xFF), there but not a key of the right kind and length, or a key.</summary>
public enum KeyCondition
{
    Missing,
    Corrupt,
    Valid,
}

/// <summary>
/// The server public key an image holds. <see cref="ParticleCloud"/> is true for the Particle cloud's published
/// key; a valid key that is not one of those belongs to a private cloud, whose <see cref="Address"/> and
/// <see cref="Port"/> (null: the platform's default) the slot names.
/// </summary>
public sealed record ServerKeyFinding(
    KeyCondition Condition, string? Algorithm, bool? ParticleCloud, string? Address, int? Port, string? Fingerprint);

/// <summary>
/// The device private key an image holds, described by its public half: <see cref="PublicKeyFingerprint"/> is the
/// SHA-256 of the SubjectPublicKeyInfo DER (as <c>PublicKeys.Fingerprint</c> gives it for a PEM).
/// <see cref="StoredPublicKeyMatches"/> says whether the public key the DCT keeps beside it is the same key
/// (null where the platform keeps none or the slot is erased).
/// </summary>
public sealed record DeviceKeyFinding(
    KeyCondition Condition, string? Algorithm, string? PublicKeyFingerprint, bool? StoredPublicKeyMatches);

/// <summary>
/// Forensics of one backup image, free of key material. <see cref="KeyArea"/> says where the keys were read
/// (e.g. "DCT copy 2 at 0x8000" or "external flash") or null when the image holds no recognisable key area;
/// <see cref="Notes"/> are plain sentences for the support engineer.
/// </summary>
public sealed record BackupFindings(
    string? KeyArea, ServerKeyFinding ServerKey, DeviceKeyFinding DeviceKey, IReadOnlyList<string> Notes)
{
    /// <summary>A backup that holds a device private key is a backup of the device's identity; only such a one counts as on file.</summary>
    public bool HoldsDeviceKey => DeviceKey.Condition == KeyCondition.Valid;
}
