using System.Security.Cryptography;
using MimeKit;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>
/// A mail the desk has handled, keyed by its Message-ID and stored in the transaction that appends its
/// events: fetched again (a crash before the move, a second worker), it is recognised and adds nothing.
/// </summary>
public sealed record ReceivedMail(string Id, InboundMailOutcome Outcome, DateTimeOffset HandledAt)
{
    /// <summary>The Message-ID; a mail without one is known by the hash of its bytes, which a re-fetch reproduces.</summary>
    public static string KeyOf(MimeMessage message)
    {
        if (!string.IsNullOrWhiteSpace(message.MessageId)) return message.MessageId;
        using var bytes = new MemoryStream();
        message.WriteTo(bytes);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()));
    }
}
