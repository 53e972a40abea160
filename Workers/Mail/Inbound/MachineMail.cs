using MimeKit;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>
/// Mail a program wrote: auto-replies, bounces, list traffic. Answering one risks a mail loop, and its text
/// is not the owner's word, so it never becomes a customer reply.
/// </summary>
public static class MachineMail
{
    private static readonly string[] BulkPrecedences = ["bulk", "junk", "list"];

    /// <summary>Why <paramref name="message"/> is a machine's, or null when a person wrote it.</summary>
    public static string? Reason(MimeMessage message)
    {
        // RFC 3834 §5: any value but "no" (optionally with parameters) marks an automatic message.
        if (message.Headers[HeaderId.AutoSubmitted] is { } autoSubmitted && !Token(autoSubmitted).Equals("no", StringComparison.OrdinalIgnoreCase))
            return $"Auto-Submitted: {Token(autoSubmitted)}";
        if (message.Headers[HeaderId.Precedence] is { } precedence && BulkPrecedences.Contains(Token(precedence), StringComparer.OrdinalIgnoreCase))
            return $"Precedence: {Token(precedence)}";
        // RFC 3464 delivery status notifications (bounces) are multipart/report, possibly wrapped.
        if (message.Body is not null && (message.Body is MultipartReport || message.BodyParts.Any(p => p.ContentType.IsMimeType("message", "delivery-status"))))
            return "delivery status report";
        // RFC 5321 §4.5.5: notifications are sent with the null reverse-path.
        if (message.Headers[HeaderId.ReturnPath] is { } returnPath && returnPath.Trim() == "<>")
            return "empty Return-Path";
        if (message.Headers[HeaderId.ListId] is not null) return "List-Id";
        // Exchange and older vacation programs mark their replies with these instead of RFC 3834.
        if (message.Headers["X-Autoreply"] is not null || message.Headers["X-Autorespond"] is not null) return "X-Autoreply";
        return null;
    }

    private static string Token(string headerValue) => headerValue.Split(';', 2)[0].Trim();
}
