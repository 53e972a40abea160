// STUB (not committed)
using Marten;
namespace PhotonSupport.Workers.Backups;
public sealed class VaultOptions { public const string Section = "PhotonSupport:Vault"; }
public sealed class BackupVault
{
    public void Store(IDocumentSession session, Guid backupId, Guid ticketId, string sha256, byte[] image) => throw new NotImplementedException();
    public Task<byte[]?> ReadAsync(IQuerySession session, Guid backupId, CancellationToken cancellation) => throw new NotImplementedException();
    public void Purge(IDocumentSession session, Guid backupId, DateTimeOffset purgedAt) => throw new NotImplementedException();
}
