namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>Where composed mail goes: an SMTP server, or the pickup folder when none is configured.</summary>
public interface IOutboundMailTransport
{
    /// <summary>
    /// Hands the mail over and calls <paramref name="taken"/> the moment the destination holds it, before anything
    /// else that could fail (closing the session). Sending the same mail again keeps its Message-ID.
    /// </summary>
    Task SendAsync(SendOwnerMail mail, Func<CancellationToken, Task> taken, CancellationToken cancellation);

    /// <summary>For the log: where mail goes, never credentials.</summary>
    string Destination { get; }
}
