using MimeKit;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>Turns a draft into the mail that is sent: the rendered template and every header.</summary>
public static class OwnerMailComposer
{
    /// <summary>
    /// <paramref name="cause"/> is the id of what the mail is about (an event, a job), so the Message-ID
    /// is the same however often the mail is composed or sent again.
    /// </summary>
    public static SendOwnerMail Compose(OwnerMailDraft draft, Guid cause, OutboundMailOptions options, DateTimeOffset now)
    {
        var rendered = MailTemplates.Render(draft.Template, draft.Values);
        var from = MailboxAddress.Parse(options.From);
        return new SendOwnerMail(
            draft.TicketId, draft.Kind, MessageId(draft.Kind, cause, from.Domain), from.ToString(),
            string.IsNullOrWhiteSpace(options.ReplyTo) ? from.ToString() : MailboxAddress.Parse(options.ReplyTo).ToString(),
            draft.To, $"[{draft.Reference}] {rendered.Subject}", rendered.Text, rendered.Html, draft.InReplyTo, now);
    }

    private static string MessageId(OwnerMailKind kind, Guid cause, string domain) =>
        $"{kind.ToString().ToLowerInvariant()}.{cause:N}@{domain}";
}
