using MimeKit;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>A mail as the desk reads it: who, about what, the new text, the flash images and the clues to its ticket.</summary>
public sealed record InboundMail(string MessageId, string From, string Subject, string Text, IReadOnlyList<FlashAttachment> Attachments, MailClues Clues)
{
    public static InboundMail Read(MimeMessage message, string messageId)
    {
        var attachments = FlashAttachment.In(message);
        var text = MailText.NewText(message);
        var from = (message.From.Mailboxes.FirstOrDefault() ?? message.Sender)?.Address ?? "";
        return new InboundMail(messageId, from.Trim(), (message.Subject ?? "").Trim(), Cut(text), attachments, MailClues.Of(message, attachments, text));
    }

    /// <summary>What a new ticket's symptom is: the subject and what the owner wrote.</summary>
    public string Symptom => Cut(string.Join("\n\n", new[] { Subject, Text }.Where(s => s.Length > 0)));

    /// <summary>Events carry at most the text limit; a longer mail is still whole in the Processed folder.</summary>
    public static string Cut(string text) => text.Length <= TicketValidation.MaxTextLength ? text : text[..(TicketValidation.MaxTextLength - 1)] + "…";
}
