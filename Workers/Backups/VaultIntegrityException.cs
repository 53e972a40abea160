namespace PhotonSupport.Workers.Backups;

/// <summary>A backup image the vault holds but will not hand out, because it can't prove the bytes are the ones stored.</summary>
public sealed class VaultIntegrityException(Guid backupId, string what, Exception? inner = null)
    : Exception($"Backup {backupId} in the vault fails its integrity check: {what}.", inner)
{
    public Guid BackupId { get; } = backupId;
}
