using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using MimeKit;
using PhotonSupport.Testing;
using PhotonSupport.Workers.Mail;

namespace PhotonSupport.Api.Tests.Mail;

/// <summary>
/// The local mail servers the tests and <c>./run.sh --mail</c> use are real and connected:
/// what MailKit sends over SMTP, MailKit reads back over IMAP; an SMTP outage is a refused
/// connection, and the server comes back.
/// </summary>
public sealed class MailServerTests(MailServerFixture fixture) : IClassFixture<MailServerFixture>
{
    // Delivery is synchronous (the SMTP server answers only after Dovecot stored the message),
    // so the polls below normally succeed at once; the bound only covers a loaded machine.
    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(30);

    private MailServer Server => fixture.Server;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_sent_over_SMTP_is_in_the_INBOX_over_IMAP()
    {
        var messageId = await SendAsync(authenticate: true);

        using var imap = await ConnectImapAsync();
        (await FindInInboxAsync(imap, messageId)).ShouldBeTrue($"message <{messageId}> never reached INBOX");
    }

    [Fact]
    public async Task The_mailbox_has_Processed_and_Quarantine_from_the_start()
    {
        using var imap = await ConnectImapAsync();
        var personal = imap.GetFolder(imap.PersonalNamespaces[0]);
        var names = (await personal.GetSubfoldersAsync(false, Cancel)).Select(f => f.FullName).ToList();

        names.ShouldContain("INBOX");
        names.ShouldContain("Processed");
        names.ShouldContain("Quarantine");
        // The product moves messages there, so they must open for writing.
        foreach (var name in new[] { "Processed", "Quarantine" })
        {
            var folder = await imap.GetFolderAsync(name, Cancel);
            (await folder.OpenAsync(FolderAccess.ReadWrite, Cancel)).ShouldBe(FolderAccess.ReadWrite);
            await folder.CloseAsync(false, Cancel);
        }
    }

    [Fact]
    public async Task Mail_from_outside_needs_no_login_as_at_an_MX()
    {
        var messageId = await SendAsync(authenticate: false);

        using var imap = await ConnectImapAsync();
        (await FindInInboxAsync(imap, messageId)).ShouldBeTrue($"message <{messageId}> never reached INBOX");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_by_both_servers()
    {
        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync(Server.Host, Server.SmtpPort, SecureSocketOptions.None, Cancel);
            await Should.ThrowAsync<AuthenticationException>(() => smtp.AuthenticateAsync(Server.User, "wrong", Cancel));
        }
        using var imap = new ImapClient();
        await imap.ConnectAsync(Server.Host, Server.ImapPort, SecureSocketOptions.None, Cancel);
        await Should.ThrowAsync<AuthenticationException>(() => imap.AuthenticateAsync(Server.User, "wrong", Cancel));
    }

    [Fact]
    public async Task With_SMTP_stopped_a_send_fails_to_connect_and_works_again_once_it_is_back()
    {
        await Server.StopSmtpAsync();
        try
        {
            // mail.sh returns only once the server's process is gone, so the port refuses at once.
            var refused = await Should.ThrowAsync<SocketException>(() => SendAsync(authenticate: true));
            refused.SocketErrorCode.ShouldBe(SocketError.ConnectionRefused);
        }
        finally
        {
            // Other tests of this class share the server.
            await Server.StartSmtpAsync();
        }

        var messageId = await SendAsync(authenticate: true);
        using var imap = await ConnectImapAsync();
        (await FindInInboxAsync(imap, messageId)).ShouldBeTrue($"message <{messageId}> never reached INBOX");
    }

    [Fact]
    public async Task A_recipient_in_the_reserved_invalid_domain_is_refused_for_good_and_others_are_taken()
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(Server.Host, Server.SmtpPort, SecureSocketOptions.None, Cancel);
        var message = new MimeMessage { Subject = "Status", Body = new TextPart("plain") { Text = "Your Photon is back." } };
        message.From.Add(MailboxAddress.Parse(Server.Address));
        message.To.Add(MailboxAddress.Parse("owner@nowhere.invalid"));

        var refused = await Should.ThrowAsync<SmtpCommandException>(() => smtp.SendAsync(message, Cancel));

        // RFC 5321 §4.2.3: 550, the mailbox is unavailable; a 5yz reply is permanent.
        ((int)refused.StatusCode).ShouldBe(550);
        refused.ErrorCode.ShouldBe(SmtpErrorCode.RecipientNotAccepted);
        message.To.Clear();
        message.To.Add(MailboxAddress.Parse("owner@example.com"));
        await smtp.SendAsync(message, Cancel);
        await smtp.DisconnectAsync(true, Cancel);
    }

    [Fact]
    public void The_settings_for_the_product_point_at_the_servers()
    {
        var smtp = Server.SmtpSettings();
        var imap = Server.ImapSettings();

        smtp.Host.ShouldBe("127.0.0.1");
        smtp.Port.ShouldBe(Server.SmtpPort);
        imap.Port.ShouldBe(Server.ImapPort);
        smtp.Tls.ShouldBe(MailTls.None);
        imap.Tls.ShouldBe(MailTls.None);
        smtp.User.ShouldBe(Server.User);
        imap.Password.ShouldBe(Server.Password);
        Server.Configuration()["PhotonSupport:Mail:Smtp:Port"].ShouldBe(Server.SmtpPort.ToString());
        Server.Configuration()["PhotonSupport:Mail:Imap:Tls"].ShouldBe("None");
    }

    /// <summary>Sends a fresh message to the support address; returns its Message-ID.</summary>
    private async Task<string> SendAsync(bool authenticate)
    {
        // MailServer fills every field.
        var settings = Server.SmtpSettings();
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("owner@example.com"));
        message.To.Add(MailboxAddress.Parse(Server.Address));
        message.Subject = "My Photon is blinking red";
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("photonsupport.test");
        message.Body = new TextPart("plain") { Text = "It blinks red after flashing." };

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(settings.Host!, settings.Port, SecureSocketOptions.None, Cancel);
        if (authenticate)
        {
            await smtp.AuthenticateAsync(settings.User!, settings.Password!, Cancel);
        }
        await smtp.SendAsync(message, Cancel);
        await smtp.DisconnectAsync(true, Cancel);
        return message.MessageId;
    }

    private async Task<ImapClient> ConnectImapAsync()
    {
        // MailServer fills every field.
        var settings = Server.ImapSettings();
        var imap = new ImapClient();
        await imap.ConnectAsync(settings.Host!, settings.Port, SecureSocketOptions.None, Cancel);
        await imap.AuthenticateAsync(settings.User!, settings.Password!, Cancel);
        return imap;
    }

    /// <summary>Polls INBOX for the Message-ID until it is there or <see cref="PollTimeout"/> has passed.</summary>
    private static async Task<bool> FindInInboxAsync(ImapClient imap, string messageId)
    {
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly, Cancel);
        var deadline = DateTime.UtcNow + PollTimeout;
        while (true)
        {
            var found = await imap.Inbox.SearchAsync(SearchQuery.HeaderContains("Message-ID", messageId), Cancel);
            if (found.Count > 0)
            {
                return true;
            }
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), Cancel);
            // NOOP makes the server report mail that arrived since the folder was opened.
            await imap.NoOpAsync(Cancel);
        }
    }
}
