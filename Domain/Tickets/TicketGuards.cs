namespace PhotonSupport.Domain.Tickets;

/// <summary>Refusals more than one decision shares.</summary>
public static class TicketGuards
{
    /// <summary>A resolved ticket accepts only a reopen, notes and custody of its backups.</summary>
    public static Decision? RefuseIfResolved(Ticket ticket, string action) =>
        ticket.Status == TicketStatus.Resolved
            ? Decision.Refuse(TicketRules.TicketResolved, "The ticket is resolved",
                $"{ticket.Reference} is resolved; reopen it before you {action}.")
            : null;
}
