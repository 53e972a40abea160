using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>Tells the owner the case is closed and how it ended (template resolved); a reply to it reopens the case.</summary>
public static class ResolvedMail
{
    public static OwnerMailDraft For(Ticket ticket, TicketResolved resolved) =>
        OwnerMailDraft.About(ticket, OwnerMailKind.Resolved, "resolved", new() { ["resolution"] = resolved.Resolution });
}
