using System.Text;
using MimeKit;

namespace PhotonSupport.Testing;

/// <summary>
/// Mails as customers' clients send them: written as RFC 5322 text here and parsed by MimeKit, so the
/// code under test reads what a real mailbox would hand it, not objects built the way it expects.
/// </summary>
public static class TestMail
{
    public const string Owner = "owner@example.com";

    /// <summary>Parses .eml text (line ends made CRLF, as on the wire).</summary>
    public static MimeMessage Parse(string eml) =>
        MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(eml.ReplaceLineEndings("\r\n"))));

    /// <summary>
    /// A mail as .eml text: a plain-text body, or multipart/mixed with each attachment in base64 under its
    /// own name. <paramref name="headers"/> are extra header lines ("In-Reply-To: &lt;id&gt;", "Auto-Submitted: auto-replied").
    /// </summary>
    public static string Eml(string subject, string body, string from = Owner, string? messageId = null,
        IEnumerable<string>? headers = null, params (string FileName, byte[] Bytes)[] attachments)
    {
        var text = new StringBuilder();
        text.AppendLine($"From: {from}");
        text.AppendLine("To: support@photonsupport.example");
        text.AppendLine($"Subject: {subject}");
        text.AppendLine("Date: Sun, 29 Nov 2026 20:00:00 +0000");
        text.AppendLine($"Message-ID: <{messageId ?? Guid.NewGuid().ToString("N") + "@mail.example.com"}>");
        foreach (var header in headers ?? []) text.AppendLine(header);
        text.AppendLine("MIME-Version: 1.0");
        if (attachments.Length == 0)
        {
            text.AppendLine("Content-Type: text/plain; charset=utf-8").AppendLine().AppendLine(body);
            return text.ToString();
        }
        text.AppendLine("Content-Type: multipart/mixed; boundary=\"=-part-=\"").AppendLine();
        text.AppendLine("--=-part-=").AppendLine("Content-Type: text/plain; charset=utf-8").AppendLine().AppendLine(body);
        foreach (var (fileName, bytes) in attachments)
        {
            text.AppendLine("--=-part-=").AppendLine("Content-Type: application/octet-stream")
                .AppendLine($"Content-Disposition: attachment; filename=\"{fileName}\"").AppendLine("Content-Transfer-Encoding: base64").AppendLine()
                .AppendLine(Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks));
        }
        text.AppendLine("--=-part-=--");
        return text.ToString();
    }

    /// <summary>
    /// A bounce as Postfix sends it (RFC 3464): multipart/report with the failed delivery as its status part,
    /// from the null sender unless <paramref name="returnPath"/> says otherwise.
    /// </summary>
    public static string Bounce(string subject, string messageId, string text = "Your mail to owner@example.com could not be delivered.",
        string returnPath = "<>") => $"""
        From: MAILER-DAEMON@mail.example.com
        To: support@photonsupport.example
        Subject: {subject}
        Message-ID: <{messageId}>
        Return-Path: {returnPath}
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: text/plain

        {text}
        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.example.com

        Final-Recipient: rfc822; owner@example.com
        Action: failed
        Status: 5.1.1
        --b--
        """;

    /// <summary>A flash image of <paramref name="size"/> bytes that differs per <paramref name="seed"/>.</summary>
    public static byte[] Image(int size, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
