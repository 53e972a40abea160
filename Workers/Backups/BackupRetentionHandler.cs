using Marten;
using PhotonSupport.Domain.Tickets;
using Wolverine.Marten;

namespace PhotonSupport.Workers.Backups;

/// <summary>
/// A due purge, decided on the ticket under its exclusive lock like a command: the <see cref="BackupPurged"/> events
/// and the vault's deletions commit together, so no record says purged while the bytes remain, nor the reverse.
/// </summary>
public static class BackupRetentionHandler
{
    public static Events Handle(PurgeResolvedBackups due, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket,
        IDocumentSession session, BackupVault vault, RetentionOptions options, TimeProvider clock)
    {
        var decision = PurgeResolvedBackups.Decide(ticket, due, options.BackupsAfterResolved, clock.GetUtcNow());
        foreach (var purged in decision.Events.OfType<BackupPurged>())
            vault.Purge(session, purged.BackupId, purged.PurgedAt);
        return [.. decision.Events];
    }
}
