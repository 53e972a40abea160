using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Testing;

namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// Issue 17, point 5: mailed backups through a real Dovecot. Each round appends N mails, each from its own owner
/// with a 1 MiB <c>PHOTON_backup_&lt;deviceid&gt;.bin</c> for a device of its own, to INBOX; the baseline reads them
/// all with bare MailKit (connect, select, fetch and parse every full body); then an Api configured to read the
/// mailbox starts and, once its host is up, the clock runs until every mail's <c>BackupReceived</c> is in the database. A sample is one
/// round's mails per second. The Api sends its acknowledgements to a pickup folder, not back into the mailbox it reads.
/// </summary>
public static class MailScenario
{
    public const string Name = "mail";
    private const string Unit = "messages/s";
    private const int AttachmentBytes = 1024 * 1024;

    public static async Task<IReadOnlyList<Figure>> RunAsync(PostgresServer postgres, bool quick, TextWriter log)
    {
        var (messages, rounds) = quick ? (20, 2) : (200, 3);
        // Its own database: the count of BackupReceived events is then this scenario's alone.
        var database = await postgres.CreateDatabaseAsync("photonsupport_bench_mail");
        await using var server = await MailServer.StartAsync();
        var ingest = new List<double>();
        var raw = new List<double>();
        var filed = 0;
        // Round 0 is the warm-up (a short one): JIT, Marten's schema, Dovecot's caches.
        for (var round = 0; round <= rounds; round++)
        {
            var count = round == 0 ? Math.Min(messages, 5) : messages;
            await AppendAsync(server, round, count);
            var fetched = await FetchAllAsync(server, count);
            filed += count;
            var ingested = await IngestAsync(server, database, filed);
            if (round == 0) continue;
            raw.Add(count / fetched.TotalSeconds);
            ingest.Add(count / ingested.TotalSeconds);
            log.WriteLine($"  round {round}: {count} mails, MailKit fetch {raw[^1]:N1}/s, Api ingest {ingest[^1]:N1}/s");
        }
        return
        [
            new Figure(Name, new Measurement($"ingest {messages} mails with a 1 MiB backup, IMAP to BackupReceived", Unit, ingest),
                new Measurement($"MailKit fetch and parse of the same {messages} mails", Unit, raw)),
        ];
    }

    /// <summary>The mails as a delivery leaves them in INBOX, appended over IMAP.</summary>
    private static async Task AppendAsync(MailServer server, int round, int count)
    {
        using var imap = await ConnectAsync(server);
        for (var i = 0; i < count; i++)
        {
            var number = round * 1000 + i;
            var deviceId = $"e00fce68{number:x16}";
            var eml = TestMail.Eml("My Photon blinks cyan then red after an update",
                $"Hello, the backup of my Photon {deviceId} is attached, as your guide asked.\n\nThanks, Owner {number}",
                from: $"Owner {number} <owner.{number}@example.com>", messageId: $"bench-mail-{number}@mail.example.com",
                attachments: ($"PHOTON_backup_{deviceId}.bin", TestMail.Image(AttachmentBytes, seed: number)));
            await imap.Inbox.AppendAsync(new AppendRequest(TestMail.Parse(eml)));
        }
        await imap.DisconnectAsync(true);
    }

    /// <summary>The floor: connect, select and fetch every mail's full body, parsed, as any reader of the mailbox must.</summary>
    private static async Task<TimeSpan> FetchAllAsync(MailServer server, int expected)
    {
        var started = Stopwatch.GetTimestamp();
        using var imap = await ConnectAsync(server);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var uids = await imap.Inbox.SearchAsync(MailKit.Search.SearchQuery.All);
        var attachments = 0;
        foreach (var uid in uids)
        {
            using var message = await imap.Inbox.GetMessageAsync(uid);
            attachments += message.Attachments.Count();
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        await imap.DisconnectAsync(true);
        if (uids.Count != expected || attachments != expected)
            throw new InvalidOperationException($"INBOX held {uids.Count} mails with {attachments} attachments, not {expected} with one each");
        return elapsed;
    }

    /// <summary>An Api reading the mailbox, from its start until the database holds <paramref name="total"/> mailed backups.</summary>
    private static async Task<TimeSpan> IngestAsync(MailServer server, string database, int total)
    {
        var imapSettings = server.Configuration()
            .Where(s => s.Key.StartsWith("PhotonSupport:Mail:Imap:", StringComparison.Ordinal))
            .Select(s => $"--{s.Key}={s.Value}");
        var pickup = Directory.CreateTempSubdirectory("photonsupport-bench-mail-");
        try
        {
            await using var app = ApiHost.Build([.. BenchApi.Settings(database, "http://127.0.0.1:0", pickup.FullName), .. imapSettings]);
            await app.StartAsync();
            // From the moment the host is up (the mailbox worker then connects, as the baseline's clock includes its connect).
            var started = Stopwatch.GetTimestamp();
            var store = app.Services.GetRequiredService<IDocumentStore>();
            var patience = TimeSpan.FromSeconds(60 + total);
            while (await BackupsFiledAsync(store) < total)
            {
                if (Stopwatch.GetElapsedTime(started) > patience)
                    throw new TimeoutException($"the Api filed {await BackupsFiledAsync(store)} of {total} mailed backups within {patience}");
                await Task.Delay(50);
            }
            return Stopwatch.GetElapsedTime(started);
        }
        finally
        {
            pickup.Delete(recursive: true);
        }
    }

    private static async Task<int> BackupsFiledAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return await session.Events.QueryRawEventDataOnly<BackupReceived>().CountAsync();
    }

    private static async Task<ImapClient> ConnectAsync(MailServer server)
    {
        var imap = new ImapClient();
        await imap.ConnectAsync(server.Host, server.ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(server.User, server.Password);
        return imap;
    }
}
