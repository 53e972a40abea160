using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Mail;

/// <summary>
/// A mail the desk sent, by its Message-ID: what a reply's In-Reply-To, a mail coming back to our own mailbox and a
/// trigger delivered twice are looked up by. One <see cref="OwnerNotified"/> makes one; a lookup is by primary key.
/// </summary>
public sealed class SentMail
{
    public string Id { get; set; } = "";
    public Guid TicketId { get; set; }
    public OwnerMailKind Kind { get; set; }
    public DateTimeOffset NotifiedAt { get; set; }
}
