namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// Delivers a composed mail. A failure leaves the message in the durable queue, where the retry policy for
/// <see cref="MailServerUnavailable"/> (PhotonSupportWiring) tries again with backoff: the same mail,
/// the same Message-ID.
/// </summary>
public static class SendOwnerMailHandler
{
    public static Task Handle(SendOwnerMail mail, IOutboundMailTransport transport, CancellationToken cancellation) =>
        transport.SendAsync(mail, cancellation);
}
