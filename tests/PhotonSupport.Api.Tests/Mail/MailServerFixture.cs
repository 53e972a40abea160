using PhotonSupport.Testing;

namespace PhotonSupport.Api.Tests.Mail;

/// <summary>
/// One real local mail server (Dovecot IMAP + SMTP delivering into it) per test class that asks
/// for it with <c>IClassFixture&lt;MailServerFixture&gt;</c>; stopped and deleted after the class.
/// </summary>
public sealed class MailServerFixture : IAsyncLifetime
{
    private MailServer? _server;

    public MailServer Server => _server ?? throw new InvalidOperationException("The mail server has not been started.");

    public async ValueTask InitializeAsync() => _server = await MailServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
