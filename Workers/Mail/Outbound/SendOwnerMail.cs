using MimeKit;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// A mail to an owner, composed to the last header. It travels through the durable outbox as it is,
/// so every attempt to deliver it sends the same bytes under the same Message-ID (ours, no angle brackets).
/// </summary>
public sealed record SendOwnerMail(
    Guid TicketId, OwnerMailKind Kind, string MessageId, string From, string ReplyTo, string To, string Subject,
    string Text, string Html, string? InReplyTo, DateTimeOffset Date)
{
    public const string Sender = "PhotonSupport mail";

    /// <summary>What the ticket's timeline records about this mail.</summary>
    public OwnerNotified Notified() => new(TicketId, Kind, MessageId, To, Subject, InReplyTo, Sender, Date);

    public MimeMessage ToMime()
    {
        var message = new MimeMessage
        {
            MessageId = MessageId,
            Date = Date,
            Subject = Subject,
            Body = new BodyBuilder { TextBody = Text, HtmlBody = Html }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(From));
        message.ReplyTo.Add(MailboxAddress.Parse(ReplyTo));
        message.To.Add(MailboxAddress.Parse(To));
        if (InReplyTo is not null)
        {
            message.InReplyTo = InReplyTo;
            message.References.Add(InReplyTo);
        }
        // RFC 3834: tells the owner's mail system not to answer with an out-of-office of its own.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }
}
