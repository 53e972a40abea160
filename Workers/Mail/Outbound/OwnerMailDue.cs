namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// An event on a ticket's stream owes the owner a mail. It names the event rather than copying it:
/// the event's id is what the mail's Message-ID is made from.
/// </summary>
public sealed record OwnerMailDue(Guid TicketId, Guid EventId);
