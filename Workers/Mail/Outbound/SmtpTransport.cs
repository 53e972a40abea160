using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// Sends through the configured SMTP server, one connection per mail: mail is rare and a held
/// connection would only go stale between mails.
/// </summary>
public sealed class SmtpTransport(IOptions<OutboundMailOptions> options, ILogger<SmtpTransport> log) : IOutboundMailTransport
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly MailServerSettings _server = options.Value.Smtp;
    private readonly string _host = options.Value.Smtp.Host ?? throw new InvalidOperationException("SmtpTransport needs PhotonSupport:Mail:Smtp:Host.");

    public string Destination => $"the SMTP server {_server}";

    public async Task SendAsync(SendOwnerMail mail, Func<CancellationToken, Task> taken, CancellationToken cancellation)
    {
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_host, _server.Port, Security(_server.Tls), cancellation);
            if (_server.User is not null) await client.AuthenticateAsync(_server.User, _server.Password ?? "", cancellation);
            await client.SendAsync(mail.ToMime(), cancellation);
        }
        catch (Exception e) when (WorthRetrying(e))
        {
            throw new MailServerUnavailable(_server.ToString(), e);
        }
        // The reply to the end of the data is the server taking responsibility for the mail (RFC 5321 §4.1.1.4).
        await taken(cancellation);
        log.LogInformation("Mail {MessageId} to {To} ({Kind}, ticket {TicketId}) sent through {Server}", mail.MessageId, mail.To, mail.Kind, mail.TicketId, _server);
        try
        {
            await client.DisconnectAsync(quit: true, cancellation);
        }
        catch (Exception e) when (WorthRetrying(e))
        {
            log.LogDebug(e, "Closing the session with {Server} after mail {MessageId} failed; the mail was taken already", _server, mail.MessageId);
        }
    }

    /// <summary>RFC 5321 §4.2.1: a 4yz reply means "try again later"; a 5yz one will not change by waiting.</summary>
    private static bool WorthRetrying(Exception e) => e is SocketException or IOException or TimeoutException or SmtpProtocolException
        or ServiceNotConnectedException or SslHandshakeException || e is SmtpCommandException command && (int)command.StatusCode < 500;

    private static SecureSocketOptions Security(MailTls tls) => tls switch
    {
        MailTls.None => SecureSocketOptions.None,
        MailTls.StartTls => SecureSocketOptions.StartTls,
        MailTls.Implicit => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(tls), tls, "an unknown TLS mode"),
    };
}
