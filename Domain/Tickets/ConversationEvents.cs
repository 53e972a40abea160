namespace PhotonSupport.Domain.Tickets;

/// <summary>The kinds of mail the desk sends an owner, each because something happened on the ticket.</summary>
public enum OwnerMailKind
{
    BackupRequest,
    StatusUpdate,
    Resolved,
    Acknowledgement,
    /// <summary>No backup came for a request: the same lines again, and a fresh upload link.</summary>
    BackupReminder,
}

/// <summary>
/// A mail to the owner was handed to the mail system. <see cref="MessageId"/> is ours (without angle
/// brackets): replies name it in In-Reply-To / References, which is how they find their ticket.
/// </summary>
public sealed record OwnerNotified(
    Guid TicketId, OwnerMailKind Kind, string MessageId, string To, string Subject, string? InReplyTo,
    string NotifiedBy, DateTimeOffset NotifiedAt) : ITicketEvent
{
    string ITicketEvent.Actor => NotifiedBy;
    DateTimeOffset ITicketEvent.OccurredAt => NotifiedAt;
}

/// <summary>
/// The owner (or someone else: <see cref="FromOwner"/> says which) wrote to the desk about the ticket.
/// <see cref="Text"/> is the new text, quoted history stripped; <see cref="MessageId"/> is theirs.
/// </summary>
public sealed record CustomerReplied(
    Guid TicketId, string MessageId, string From, bool FromOwner, string Subject, string Text, DateTimeOffset ReceivedAt) : ITicketEvent
{
    string ITicketEvent.Actor => From;
    DateTimeOffset ITicketEvent.OccurredAt => ReceivedAt;
}
