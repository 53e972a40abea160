namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>Where composed mail goes: an SMTP server, or the pickup folder when none is configured.</summary>
public interface IOutboundMailTransport
{
    /// <summary>Sending the same mail again must not make a second, different mail: it keeps its Message-ID.</summary>
    Task SendAsync(SendOwnerMail mail, CancellationToken cancellation);

    /// <summary>For the log: where mail goes, never credentials.</summary>
    string Destination { get; }
}
