namespace PhotonSupport.Domain.Tickets;

/// <summary>Refusals about one named image of a ticket.</summary>
public static class BackupGuards
{
    /// <summary>The ticket has the image and the vault still holds its bytes.</summary>
    public static Decision? RefuseUnlessHeld(Ticket ticket, Guid backupId) => ticket.Backup(backupId) switch
    {
        null => Decision.Refuse(TicketRules.BackupNotFound, "No such backup", $"{ticket.Reference} has no backup {backupId}."),
        { Purged: true } => Decision.Refuse(TicketRules.BackupPurged, "The backup was purged",
            $"Backup {backupId} of {ticket.Reference} was purged after the ticket was resolved; its analysis remains."),
        _ => null,
    };
}
