using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using Npgsql;
using Marten;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Testing;
using PhotonSupport.Workers.Auth;
using PhotonSupport.Workers.Mail.Outbound;
using Wolverine;

namespace PhotonSupport.Api.Tests.Mail;

/// <summary>
/// Owners' mail through a real SMTP server into a real mailbox, read back over IMAP. The Api here is a
/// second one, on a database of its own, configured with the mail server the class shares.
/// </summary>
public sealed class OwnersMailOverSmtp(ApiFixture api, MailServerFixture mail) : IClassFixture<MailServerFixture>, IAsyncLifetime
{
    private const string PhotonId = ApiTest.PhotonId;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private string _database = null!;
    private string? _token;
    private WebApplication _app = null!;
    private HttpClient _staff = null!;

    private MailServer Server => mail.Server;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await api.CreateDatabaseAsync("photonsupport_smtp_tests");
        await StartApiAsync();
        (_, _token) = await _app.Services.GetRequiredService<ApiKeys>().CreateAsync("smtp-supervisor", Roles.Supervisor, Cancellation);
        _staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
    }

    /// <summary>Starts the Api (again) on this class's database, sending through the mail server.</summary>
    private async Task StartApiAsync()
    {
        _app = await api.StartAnotherAsync(_database, [.. Server.Configuration().Select(s => $"--{s.Key}={s.Value}")]);
        _staff = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        if (_token is not null) _staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
    }

    private async Task StopApiAsync()
    {
        _staff.Dispose();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopApiAsync();

    [Fact]
    public async Task A_backup_request_for_a_Photon_arrives_in_the_owners_mailbox_with_its_dfu_util_line_under_the_recorded_Message_ID()
    {
        var (ticket, reference) = await OpenAsync(PhotonId);

        await RequestBackupAsync(ticket);

        var messageId = await RecordedMessageIdAsync(ticket);
        var delivered = (await InboxAsync(messageId, expected: 1)).ShouldHaveSingleItem();
        delivered.MessageId.ShouldBe(messageId);
        delivered.Subject.ShouldStartWith($"[{reference}] ");
        // particle-facts.md, "Operations": the founding thread's line, with the device's id in the file name.
        delivered.TextBody!.ShouldContain($"dfu-util -d 2b04:d006 -a 0 -s 0x8000000:0x100000 -U PHOTON_backup_{PhotonId}.bin\n", Case.Sensitive);
        delivered.Headers["Auto-Submitted"].ShouldBe("auto-generated");
        delivered.From.Mailboxes.Single().Address.ShouldBe(Server.Address);
        delivered.ReplyTo.Mailboxes.Single().Address.ShouldBe(Server.Address);
        delivered.Headers["X-Original-To"].ShouldBe("owner@example.com");
    }

    [Fact]
    public async Task A_mail_due_while_the_SMTP_server_is_down_is_delivered_once_it_is_back_exactly_once_under_its_first_Message_ID()
    {
        var (ticket, messageId) = await BackupRequestedDuringOutageAsync("3c0000000000000000000077");

        await DeliveredOnceAsync(ticket, messageId);
    }

    [Fact]
    public async Task A_mail_stored_while_the_SMTP_server_is_down_is_sent_once_by_the_Api_that_runs_after_a_restart()
    {
        // The Api goes away with the mail composed and recorded but not sent; only the database remembers it.
        var (ticket, messageId) = await BackupRequestedDuringOutageAsync("3c0000000000000000000078", whileDown: StopApiAsync);

        await StartApiAsync();

        await DeliveredOnceAsync(ticket, messageId);
    }

    [Fact]
    public async Task A_mail_whose_message_comes_round_again_after_the_server_took_it_is_not_sent_a_second_time()
    {
        var mail = Mail();
        var bus = _app.Services.GetRequiredService<IMessageBus>();

        await bus.InvokeAsync(mail, Cancellation);
        // As Wolverine's recovery does when the node that sent it died before marking the message handled.
        await bus.InvokeAsync(mail, Cancellation);

        // The local SMTP server answers 250 only once Dovecot holds the mail, so a second copy would be there already.
        (await InboxAsync(mail.MessageId, expected: 1)).Count.ShouldBe(1);
        (await LedgerAsync(mail.MessageId)).ShouldBe((true, 0));
    }

    [Fact]
    public async Task A_mail_whose_last_attempt_died_with_its_node_is_sent_again_and_counted_as_interrupted()
    {
        var mail = Mail();
        // What a node killed between its attempt's start and the server's answer leaves behind.
        await SqlAsync($"insert into {MailDeliveryLedger.Name} (message_id, attempt_started_at, attempt_node) values ('{mail.MessageId}', now(), 'workers-a pid 4242')");

        await _app.Services.GetRequiredService<IMessageBus>().InvokeAsync(mail, Cancellation);

        (await InboxAsync(mail.MessageId, expected: 1)).Count.ShouldBe(1);
        (await LedgerAsync(mail.MessageId)).ShouldBe((true, 1));
    }

    [Fact]
    public async Task A_mail_another_live_node_is_sending_is_left_to_it_and_not_sent_a_second_time()
    {
        var mail = Mail();
        // Another node's attempt, alive and mid-send (Wolverine gave it the same message): its row marked, its session
        // holding the mail's lock.
        await SqlAsync($"insert into {MailDeliveryLedger.Name} (message_id, attempt_started_at, attempt_node) values ('{mail.MessageId}', now(), 'workers-a pid 4242')");
        await using var otherNode = await OpenAsync();
        // The key every version of the product locks a mail by (MailDeliveryLedger), written out as an older node has it.
        await using (var take = new NpgsqlCommand($"select pg_try_advisory_lock(hashtextextended('{mail.MessageId}', 0))", otherNode))
            (await take.ExecuteScalarAsync(Cancellation)).ShouldBe(true);

        await Should.ThrowAsync<MailBeingSentElsewhere>(() => SendAsync(mail));

        // That attempt ends: the server took the mail, and the node lets go of the lock.
        await SqlAsync($"update {MailDeliveryLedger.Name} set delivered_at = now(), attempt_started_at = null where message_id = '{mail.MessageId}'");
        await using (var release = new NpgsqlCommand("select pg_advisory_unlock_all()", otherNode))
            await release.ExecuteNonQueryAsync(Cancellation);
        await SendAsync(mail);

        // Only the other node's send (here only recorded) went out: this node sent nothing, and nothing was cut off.
        (await InboxAsync(mail.MessageId, expected: 0)).Count.ShouldBe(0);
        (await LedgerAsync(mail.MessageId)).ShouldBe((true, 0));
    }

    [Fact]
    public async Task An_attempt_the_SMTP_server_refused_to_take_leaves_the_next_one_a_plain_retry_and_delivers_once()
    {
        var mail = Mail();
        await Server.StopSmtpAsync();
        try
        {
            await Should.ThrowAsync<MailServerUnavailable>(() => SendAsync(mail));
            (await LedgerAsync(mail.MessageId)).ShouldBe((false, 0));
        }
        finally
        {
            await Server.StartSmtpAsync();
        }

        await SendAsync(mail);

        (await InboxAsync(mail.MessageId, expected: 1)).Count.ShouldBe(1);
        (await LedgerAsync(mail.MessageId)).ShouldBe((true, 0));
    }

    [Fact]
    public async Task A_mail_whose_ledger_the_database_cannot_give_is_tried_again_and_sent_once_when_it_can()
    {
        var mail = Mail();
        var log = new CapturedLog();
        _app.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        // A real PostgreSQL error on the ledger, as an outage gives one, while Wolverine's own tables still answer.
        await SqlAsync($"alter table {MailDeliveryLedger.Name} rename to mail_deliveries_away");
        try
        {
            await _app.Services.GetRequiredService<IMessageBus>().PublishAsync(mail);
            await EventuallyAsync(() => Task.FromResult(log.Entries.Any(e => e.Exception is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable })),
                "the first attempt to fail on the ledger");
        }
        finally
        {
            await SqlAsync($"alter table {MailDeliveryLedger.Name}_away rename to mail_deliveries");
        }

        // Sent to the dead letters at the first failure, it would never arrive.
        (await InboxAsync(mail.MessageId, expected: 1)).Count.ShouldBe(1);
        (await LedgerAsync(mail.MessageId)).ShouldBe((true, 0));
    }

    [Fact]
    public async Task A_mail_the_server_refuses_for_good_is_not_waited_on_but_goes_to_the_dead_letters_unmarked()
    {
        var mail = Mail() with { To = "owner@nowhere.invalid" };

        await _app.Services.GetRequiredService<IMessageBus>().PublishAsync(mail);

        // A 5xx will not change by waiting (RFC 5321 §4.2.1): a person looks at it now, not after five hours of retries.
        string[] dead = [];
        await EventuallyAsync(async () => (dead = await DeadLettersAsync(mail)).Length > 0, "the refused mail in the dead letters");
        // The local server's own words for its 550 (deploy/local/mail-smtp.py), as MailKit reports them.
        dead.ShouldHaveSingleItem().ShouldBe("MailKit.Net.Smtp.SmtpCommandException: 5.1.1 No such mailbox here");
        (await LedgerAsync(mail.MessageId)).ShouldBe((false, 0));
        // Nothing marked: were it sent again by hand (a replay), the attempt would not be taken for one cut off.
        (await SqlScalarAsync($"select attempt_started_at is null from {MailDeliveryLedger.Name} where message_id = '{mail.MessageId}'")).ShouldBe(true);
    }

    /// <summary>One attempt at the mail, as the outbound queue's handler makes it, outside Wolverine's retries.</summary>
    private Task SendAsync(SendOwnerMail mail) => SendOwnerMailHandler.Handle(mail, _app.Services.GetRequiredService<IOutboundMailTransport>(),
        _app.Services.GetRequiredService<MailDeliveryLedger>(), _app.Services.GetRequiredService<ILogger<SendOwnerMail>>(), Cancellation);

    /// <summary>A composed mail with a Message-ID of its own, as the owners' mail handler queues it.</summary>
    private SendOwnerMail Mail() => new(Guid.NewGuid(), OwnerMailKind.StatusUpdate, $"ledger.{Guid.NewGuid():N}@photonsupport.localhost",
        Server.Address, Server.Address, "owner@example.com", "[PS-1] Status", "Your device is back.", "<p>Your device is back.</p>", null, DateTimeOffset.UtcNow);

    /// <summary>Whether the ledger says the server took the mail, and how many of its attempts died with their node.</summary>
    private async Task<(bool Delivered, int Interrupted)> LedgerAsync(string messageId)
    {
        await using var connection = await OpenAsync();
        await using var query = new NpgsqlCommand($"select delivered_at is not null, interrupted_attempts from {MailDeliveryLedger.Name} where message_id = @id", connection);
        query.Parameters.AddWithValue("id", messageId);
        await using var row = await query.ExecuteReaderAsync(Cancellation);
        (await row.ReadAsync(Cancellation)).ShouldBeTrue($"a ledger row for {messageId}");
        return (row.GetBoolean(0), row.GetInt32(1));
    }

    /// <summary>The exceptions (type: message) of the dead letters that hold <paramref name="mail"/>.</summary>
    private async Task<string[]> DeadLettersAsync(SendOwnerMail mail)
    {
        await using var session = _app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var letters = await session.QueryAsync<string>(
            "select exception_type || ': ' || exception_message from wolverine.wolverine_dead_letters where message_type ilike '%SendOwnerMail%' and position(convert_to(?, 'UTF8') in body) > 0",
            Cancellation, mail.MessageId);
        return [.. letters];
    }

    private async Task<object?> SqlScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Cancellation);
    }

    private async Task SqlAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancellation);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = _app.Services.GetRequiredService<IDocumentStore>().Storage.Database.CreateConnection();
        await connection.OpenAsync(Cancellation);
        return connection;
    }

    /// <summary>
    /// Requests a backup while the SMTP server is down and waits until the mail's quick tries failed and a later
    /// one is stored (the outage was met, not missed); then <paramref name="whileDown"/>, then the server is back.
    /// </summary>
    private async Task<(Guid Ticket, string MessageId)> BackupRequestedDuringOutageAsync(string deviceId, Func<Task>? whileDown = null)
    {
        var (ticket, _) = await OpenAsync(deviceId);
        await Server.StopSmtpAsync();
        try
        {
            await RequestBackupAsync(ticket);
            var messageId = await RecordedMessageIdAsync(ticket);
            await EventuallyAsync(async () => await SendingStateAsync() == "Scheduled", "the mail's next try to be scheduled");
            if (whileDown is not null) await whileDown();
            return (ticket, messageId);
        }
        finally
        {
            await Server.StartSmtpAsync();
        }
    }

    /// <summary>Once no try is left pending, the mailbox holds the mail once, and the timeline one record of it.</summary>
    private async Task DeliveredOnceAsync(Guid ticket, string messageId)
    {
        await EventuallyAsync(async () => await SendingStateAsync() is null or "Handled", "the mail to leave the outbound queue");
        (await InboxAsync(messageId, expected: 1)).ShouldHaveSingleItem().MessageId.ShouldBe(messageId);
        (await NotificationsAsync(ticket)).ShouldHaveSingleItem()["messageId"]!.GetValue<string>().ShouldBe(messageId);
    }

    private async Task<(Guid Id, string Reference)> OpenAsync(string deviceId)
    {
        var response = await _staff.PostAsJsonAsync("/api/tickets", new
        {
            deviceId, platform = "Photon", ownerEmail = "owner@example.com", symptom = "Blinks cyan, then three red.", ledPattern = "cyan-flash-red-3",
        }, ApiFixture.Json, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var opened = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!;
        return (opened["id"]!.GetValue<Guid>(), opened["reference"]!.GetValue<string>());
    }

    private async Task RequestBackupAsync(Guid ticket) =>
        (await _staff.PostAsJsonAsync($"/api/tickets/{ticket}/backup-requests", new { }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

    private async Task<JsonNode[]> NotificationsAsync(Guid ticket)
    {
        var timeline = JsonNode.Parse(await _staff.GetStringAsync($"/api/tickets/{ticket}/events", Cancellation))!.AsArray();
        return timeline.Where(e => e!["type"]!.GetValue<string>() == nameof(OwnerNotified)).Select(e => e!["data"]!).ToArray();
    }

    /// <summary>The Message-ID the timeline records for the ticket's one mail, once the mail is composed.</summary>
    private async Task<string> RecordedMessageIdAsync(Guid ticket)
    {
        JsonNode[] notified = [];
        await EventuallyAsync(async () => (notified = await NotificationsAsync(ticket)).Length > 0, "OwnerNotified on the timeline");
        return notified.ShouldHaveSingleItem()["messageId"]!.GetValue<string>();
    }

    /// <summary>Where the composed mail stands in Wolverine's durable inbox (null once it is gone from there).</summary>
    private async Task<string?> SendingStateAsync()
    {
        await using var session = _app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var states = await session.QueryAsync<string>(
            "select status from wolverine.wolverine_incoming_envelopes where message_type ilike '%SendOwnerMail%'", Cancellation);
        return states.SingleOrDefault();
    }

    /// <summary>The INBOX's messages with this Message-ID, once there are <paramref name="expected"/> (or the patience ran out).</summary>
    private async Task<IReadOnlyList<MimeMessage>> InboxAsync(string messageId, int expected)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync(Server.Host, Server.ImapPort, SecureSocketOptions.None, Cancellation);
        await imap.AuthenticateAsync(Server.User, Server.Password, Cancellation);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly, Cancellation);
        IList<UniqueId> found = [];
        await EventuallyAsync(async () =>
        {
            // NOOP makes the server report mail that arrived since the folder was opened.
            await imap.NoOpAsync(Cancellation);
            found = await imap.Inbox.SearchAsync(SearchQuery.HeaderContains("Message-ID", messageId), Cancellation);
            return found.Count >= expected;
        }, $"{expected} message(s) <{messageId}> in INBOX");
        var messages = new List<MimeMessage>();
        foreach (var uid in found) messages.Add(await imap.Inbox.GetMessageAsync(uid, Cancellation));
        await imap.DisconnectAsync(true, Cancellation);
        return messages;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!await done())
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"Waited {Patience.TotalSeconds} s for {what}.");
            await Task.Delay(TimeSpan.FromMilliseconds(200), Cancellation);
        }
    }
}
