using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Testing;
using PhotonSupport.Workers.Mail;
using PhotonSupport.Workers.Mail.Inbound;
using static PhotonSupport.Testing.TestMail;

namespace PhotonSupport.Api.Tests.Mail;

/// <summary>
/// The mailbox worker against a real Dovecot: mails are appended to INBOX as a delivery would leave them,
/// a worker on the Api's services and database (configured from the server's own settings) files them and
/// moves them. The mail server lives for the class, so every Message-ID here is unique to its test. Waits are bounded polls.
/// </summary>
public sealed class InboundMailOverImap(ApiFixture api, MailServerFixture mail) : ApiTest(api), IClassFixture<MailServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Room for a Photon backup in base64 (about 1.4 MB), not for a Core's.</summary>
    private const long MaxMessageBytes = 2_000_000;

    /// <summary>Message-IDs unique to this test, so a mailbox that outlives it never answers for another's mail.</summary>
    private readonly string _run = Guid.NewGuid().ToString("N");
    private InboundMailWorker _worker = null!;
    private ImapClient _imap = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _worker = await StartWorkerAsync(new InboundMailOptions { PollInterval = TimeSpan.FromSeconds(2), MaxMessageBytes = MaxMessageBytes });
        _imap = new ImapClient();
        await _imap.ConnectAsync(mail.Server.Host, mail.Server.ImapPort, MailKit.Security.SecureSocketOptions.None, Cancellation);
        await _imap.AuthenticateAsync(mail.Server.User, mail.Server.Password, Cancellation);
    }

    /// <summary>A mailbox worker on the Api's services, with the server's settings bound the way the wiring binds them (from PhotonSupport:Mail:Imap).</summary>
    private async Task<InboundMailWorker> StartWorkerAsync(InboundMailOptions options)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(mail.Server.Configuration()).Build();
        var settings = new ServiceCollection()
            .Configure<MailServerSettings>(InboundMailOptions.ImapSettings, configuration.GetSection(InboundMailOptions.ImapSection))
            .BuildServiceProvider().GetRequiredService<IOptionsMonitor<MailServerSettings>>();
        var worker = new InboundMailWorker(settings, Options.Create(options),
            Api.Services.GetRequiredService<IServiceScopeFactory>(), Api.Store, Api.Services.GetRequiredService<InboundMailMetrics>(),
            TimeProvider.System, Api.Services.GetRequiredService<ILoggerFactory>().CreateLogger<InboundMailWorker>());
        await worker.StartAsync(Cancellation);
        return worker;
    }

    private static async Task StopAsync(InboundMailWorker worker)
    {
        await worker.StopAsync(CancellationToken.None);
        worker.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        await StopAsync(_worker);
        await _imap.DisconnectAsync(true, CancellationToken.None);
        _imap.Dispose();
    }

    private async Task AppendAsync(string eml) => await AppendAsync(Encoding.UTF8.GetBytes(eml.ReplaceLineEndings("\r\n")));

    private async Task AppendAsync(byte[] raw)
    {
        using var stream = new MemoryStream(raw);
        await _imap.Inbox.AppendAsync(new AppendRequest(MimeMessage.Load(stream, Cancellation)), Cancellation);
    }

    /// <summary>How many mails with <paramref name="messageId"/> <paramref name="folder"/> holds.</summary>
    private async Task<int> InFolderAsync(string folder, string messageId)
    {
        var opened = await _imap.GetFolderAsync(folder, Cancellation);
        await opened.OpenAsync(FolderAccess.ReadOnly, Cancellation);
        var count = (await opened.SearchAsync(SearchQuery.HeaderContains("Message-ID", messageId), Cancellation)).Count;
        await opened.CloseAsync(false, Cancellation);
        return count;
    }

    private async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {Patience}: {what}");
            await Task.Delay(200, Cancellation);
        }
    }

    private async Task<T[]> EventsOfAsync<T>() where T : class
    {
        await using var session = Api.Store.QuerySession();
        return (await session.Events.QueryRawEventDataOnly<T>().ToListAsync(Cancellation)).ToArray();
    }

    private async Task<BackupReceived[]> BackupsFromAsync(string messageId) =>
        (await EventsOfAsync<BackupReceived>()).Where(b => b.EmailMessageId == messageId).ToArray();

    [Fact]
    public async Task A_mailed_Photon_backup_is_filed_with_its_hash_and_the_mail_moved_to_Processed()
    {
        var image = Image(1_048_576, seed: 7);

        await AppendAsync(Eml("My Photon blinks cyan then red", "Backup attached.", messageId: $"imap-backup-{_run}@mail.example.com",
            attachments: ($"PHOTON_backup_{PhotonId}.bin", image)));

        await UntilAsync(async () => await InFolderAsync("Processed", $"imap-backup-{_run}@mail.example.com") == 1, "the mail is in Processed");
        var backup = (await BackupsFromAsync($"imap-backup-{_run}@mail.example.com")).ShouldHaveSingleItem();
        backup.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(image)));
        (await EventsOfAsync<DeviceReported>()).Where(r => r.EmailMessageId == $"imap-backup-{_run}@mail.example.com").ShouldHaveSingleItem().TicketId.ShouldBe(backup.TicketId);
        await using var session = Api.Store.QuerySession();
        var cursor = (await session.Query<MailboxCursor>().ToListAsync(Cancellation)).ShouldHaveSingleItem();
        await _imap.Inbox.StatusAsync(StatusItems.UidValidity, Cancellation);
        cursor.UidValidity.ShouldBe(_imap.Inbox.UidValidity);
        cursor.LastUid.ShouldBeGreaterThan(0u);
    }

    [Fact]
    public async Task The_same_mail_delivered_again_files_nothing_new()
    {
        var eml = Eml("backup", "attached", messageId: $"imap-twice-{_run}@mail.example.com", attachments: ($"PHOTON_backup_{PhotonId}.bin", Image(1_048_576)));

        await AppendAsync(eml);
        await UntilAsync(async () => await InFolderAsync("Processed", $"imap-twice-{_run}@mail.example.com") == 1, "the first copy is in Processed");
        await AppendAsync(eml);
        await UntilAsync(async () => await InFolderAsync("Processed", $"imap-twice-{_run}@mail.example.com") == 2, "the second copy is in Processed");

        (await BackupsFromAsync($"imap-twice-{_run}@mail.example.com")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Auto_replies_and_bounces_are_never_customer_replies()
    {
        var ticketId = await OpenAsync(PhotonReport(deviceId: AnotherPhoton(9)));
        var reference = (await GetAsync($"/api/tickets/{ticketId}"))["reference"]!.GetValue<string>();

        await AppendAsync(Eml($"Out of office: [{reference}]", "Back on Monday.", messageId: $"imap-ooo-{_run}@mail.example.com", headers: ["Auto-Submitted: auto-replied"]));
        await AppendAsync(Bounce($"Undelivered Mail Returned to Sender [{reference}]", $"imap-bounce-{_run}@mail.example.com"));

        await UntilAsync(async () => await InFolderAsync("Processed", $"imap-ooo-{_run}@mail.example.com") == 1, "the auto-reply is in Processed");
        await UntilAsync(async () => await InFolderAsync("Processed", $"imap-bounce-{_run}@mail.example.com") == 1, "the bounce is in Processed");
        (await EventsOfAsync<CustomerReplied>()).ShouldNotContain(r => r.TicketId == ticketId);
        (await EventsOfAsync<NoteAdded>()).Count(n => n.TicketId == ticketId).ShouldBe(2);
    }

    [Fact]
    public async Task A_garbage_mail_is_quarantined_and_the_next_mail_is_still_filed()
    {
        // No sender, an undecodable subject, a multipart whose boundary never comes.
        await AppendAsync(Encoding.Latin1.GetBytes(
            $"Message-ID: <imap-garbage-{_run}@mail.example.com>\r\nSubject: =?bogus?Q?=ZZ?=\r\nContent-Type: multipart/mixed; boundary=\"never\"\r\n\r\n\u0001\u00ff garbage\r\n"));
        await AppendAsync(Eml("backup", "attached", messageId: $"imap-after-garbage-{_run}@mail.example.com", attachments: ($"PHOTON_backup_{PhotonId}.bin", Image(1_048_576))));

        await UntilAsync(async () => await InFolderAsync("Quarantine", $"imap-garbage-{_run}@mail.example.com") == 1, "the garbage is in Quarantine");
        await UntilAsync(async () => await InFolderAsync("Processed", $"imap-after-garbage-{_run}@mail.example.com") == 1, "the next mail is in Processed");
        (await BackupsFromAsync($"imap-after-garbage-{_run}@mail.example.com")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Mails_waiting_together_are_each_filed_once_and_moved_to_their_own_folder()
    {
        // Waiting before the worker looks, they are read, committed and moved as one batch.
        await StopAsync(_worker);
        await AppendAsync(Eml("backup", "attached", messageId: $"imap-batch-1-{_run}@mail.example.com",
            attachments: ($"PHOTON_backup_{AnotherPhoton(31)}.bin", Image(1_048_576, seed: 31))));
        await AppendAsync(Eml("Hello", "Anyone there?", messageId: $"imap-batch-2-{_run}@mail.example.com"));
        await AppendAsync(Eml("backup", "attached", messageId: $"imap-batch-3-{_run}@mail.example.com",
            attachments: ($"PHOTON_backup_{AnotherPhoton(33)}.bin", Image(1_048_576, seed: 33))));
        _worker = await StartWorkerAsync(new InboundMailOptions { PollInterval = TimeSpan.FromSeconds(2), MaxMessageBytes = MaxMessageBytes });

        await UntilAsync(async () => await InFolderAsync("Processed", $"imap-batch-3-{_run}@mail.example.com") == 1, "the last mail is in Processed");
        await UntilAsync(async () => await InFolderAsync("Quarantine", $"imap-batch-2-{_run}@mail.example.com") == 1, "the unmatched mail is in Quarantine");
        (await InFolderAsync("Processed", $"imap-batch-1-{_run}@mail.example.com")).ShouldBe(1);
        (await BackupsFromAsync($"imap-batch-1-{_run}@mail.example.com")).ShouldHaveSingleItem();
        (await BackupsFromAsync($"imap-batch-3-{_run}@mail.example.com")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_mail_over_the_size_limit_is_quarantined_unread()
    {
        await AppendAsync(Eml("Core backup", $"Device {PhotonId}", messageId: $"imap-huge-{_run}@mail.example.com",
            attachments: ("CORE_backup_3c002b000347343339373536.bin", Image(2_228_224))));

        await UntilAsync(async () => await InFolderAsync("Quarantine", $"imap-huge-{_run}@mail.example.com") == 1, "the huge mail is in Quarantine");
        (await Api.EventCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Without_IDLE_the_worker_polls_and_a_mail_arriving_meanwhile_is_filed()
    {
        await StopAsync(_worker);
        _worker = await StartWorkerAsync(new InboundMailOptions { Idle = false, PollInterval = TimeSpan.FromSeconds(1) });
        await AppendAsync(Eml("Hello", "Anyone there?", messageId: $"imap-before-polling-{_run}@mail.example.com"));
        await UntilAsync(async () => await InFolderAsync("Quarantine", $"imap-before-polling-{_run}@mail.example.com") == 1, "the first mail is handled");

        // The worker has found the mailbox empty since, and waits by polling: only a poll can find this one.
        await AppendAsync(Eml("backup", "attached", messageId: $"imap-polled-{_run}@mail.example.com", attachments: ($"PHOTON_backup_{PhotonId}.bin", Image(1_048_576))));

        await UntilAsync(async () => await InFolderAsync("Processed", $"imap-polled-{_run}@mail.example.com") == 1, "the mail is in Processed");
        (await BackupsFromAsync($"imap-polled-{_run}@mail.example.com")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Two_workers_on_one_mailbox_file_each_mail_once()
    {
        var second = await StartWorkerAsync(new InboundMailOptions { PollInterval = TimeSpan.FromSeconds(2) });
        try
        {
            var ids = Enumerable.Range(1, 3).Select(n => $"imap-two-workers-{n}-{_run}@mail.example.com").ToArray();
            foreach (var (id, n) in ids.Select((id, n) => (id, n)))
                await AppendAsync(Eml("backup", "attached", messageId: id, attachments: ($"PHOTON_backup_{AnotherPhoton(20 + n)}.bin", Image(1_048_576, seed: 30 + n))));

            foreach (var id in ids)
            {
                // IMAP has no locks: both may move a mail each saw before the other's move, leaving two copies in
                // Processed. What must hold is one set of events per mail.
                await UntilAsync(async () => await InFolderAsync("Processed", id) >= 1, $"{id} is in Processed");
                (await BackupsFromAsync(id)).ShouldHaveSingleItem();
                (await EventsOfAsync<DeviceReported>()).Count(r => r.EmailMessageId == id).ShouldBe(1);
            }
            await UntilAsync(async () => await InFolderAsync("INBOX", ids[0]) + await InFolderAsync("INBOX", ids[^1]) == 0, "INBOX is empty");
        }
        finally
        {
            await StopAsync(second);
        }
    }
}
