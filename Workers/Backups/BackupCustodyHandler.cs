using Marten;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Tickets;
using PhotonSupport.Workers.Uploads;
using Wolverine.Marten;

namespace PhotonSupport.Workers.Backups;

/// <summary>
/// Images arriving over HTTP and copies leaving: decided on the ticket, and an accepted image put in the vault
/// in the commit that appends its <see cref="BackupReceived"/>, so neither exists without the other.
/// </summary>
public static class BackupCustodyHandler
{
    /// <summary>An owner's link is used up by the commit that files its image, and only by an accepted one.</summary>
    public static (TicketCommandResult, Events) Handle(UploadBackup command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket,
        IDocumentSession session, BackupVault vault, TimeProvider clock)
    {
        var decided = vault.StoreReceived(session, TicketCommandResult.Decide(ticket, command, UploadBackup.Decide, clock), command.Image);
        if (command.UploadLinkId is { } linkId && decided.Item1.Refusal is null)
            session.Insert(UploadLinkUse.Of(linkId, ticket, decided.Item2, command.Image, clock.GetUtcNow()));
        return decided;
    }

    public static (TicketCommandResult, Events) Handle(RecordBenchBackup command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket,
        IDocumentSession session, BackupVault vault, TimeProvider clock) =>
        vault.StoreReceived(session, TicketCommandResult.Decide(ticket, command, RecordBenchBackup.Decide, clock), command.Image);

    public static (TicketCommandResult, Events) Handle(RecordBackupDownload command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket,
        TimeProvider clock) =>
        TicketCommandResult.Decide(ticket, command, RecordBackupDownload.Decide, clock);

    /// <summary>Queues the image into the session for each <see cref="BackupReceived"/> the decision appends (none for a repeat).</summary>
    public static (TicketCommandResult, Events) StoreReceived(this BackupVault vault, IDocumentSession session, (TicketCommandResult, Events) decided, byte[] image)
    {
        vault.StoreReceived(session, decided.Item2, image);
        return decided;
    }

    public static void StoreReceived(this BackupVault vault, IDocumentSession session, IEnumerable<object> events, byte[] image)
    {
        foreach (var received in events.OfType<BackupReceived>())
            vault.Store(session, received.BackupId, received.TicketId, received.Sha256, image);
    }
}
