using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Testing;

namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// Issue 17, point 5: mailed backups through a real Dovecot. One Api reads the mailbox for the whole scenario. Each
/// round delivers N mails, each from its own owner with a 1 MiB <c>PHOTON_backup_&lt;deviceid&gt;.bin</c> for a
/// device of its own, to a folder the Api does not watch; the baseline reads them all from there with bare MailKit
/// (connect, select, fetch and parse every full body); then one IMAP MOVE hands them all to INBOX and the clock runs
/// until every mail's <c>BackupReceived</c> is in the database. A sample is one round's mails per second. The Api
/// sends its acknowledgements to a pickup folder, not back into the mailbox it reads.
/// </summary>
public static class MailScenario
{
    public const string Name = "mail";
    private const string Unit = "messages/s";
    private const string Staging = "Delivered";
    private const int AttachmentBytes = 1024 * 1024;

    public static async Task<IReadOnlyList<Figure>> RunAsync(PostgresServer postgres, bool quick, TextWriter log)
    {
        var (messages, rounds) = quick ? (20, 2) : (200, 3);
        // Its own database: the count of BackupReceived events is then this scenario's alone.
        var database = await postgres.CreateDatabaseAsync("photonsupport_bench_mail");
        await SchemaMigrations.ApplyAsync(database);
        await using var server = await MailServer.StartAsync();
        using var imap = await ConnectAsync(server);
        var staging = await imap.GetFolder(imap.PersonalNamespaces[0]).CreateAsync(Staging, isMessageFolder: true)
            ?? throw new InvalidOperationException($"Dovecot did not create the folder {Staging}");
        var pickup = Directory.CreateTempSubdirectory("photonsupport-bench-mail-");
        var imapSettings = server.Configuration()
            .Where(s => s.Key.StartsWith("PhotonSupport:Mail:Imap:", StringComparison.Ordinal))
            .Select(s => $"--{s.Key}={s.Value}");
        try
        {
            await using var app = ApiHost.Build([.. BenchApi.Settings(database, "http://127.0.0.1:0", pickup.FullName), .. imapSettings]);
            await app.StartAsync();
            var store = app.Services.GetRequiredService<IDocumentStore>();
            var ingest = new List<double>();
            var raw = new List<double>();
            var filed = 0;
            // Round 0 is the warm-up (a short one): JIT, Marten's schema, Dovecot's caches.
            for (var round = 0; round <= rounds; round++)
            {
                var count = round == 0 ? Math.Min(messages, 5) : messages;
                await AppendAsync(staging, round, count);
                var fetched = await FetchAllAsync(server, count);
                filed += count;
                var ingested = await IngestAsync(staging, imap.Inbox, store, filed);
                if (round == 0) continue;
                raw.Add(count / fetched.TotalSeconds);
                ingest.Add(count / ingested.TotalSeconds);
                log.WriteLine($"  round {round}: {count} mails, MailKit fetch {raw[^1]:N1}/s, Api ingest {ingest[^1]:N1}/s");
            }
            await UntilInboxEmptyAsync(imap.Inbox);
            // Disposing a host does not stop it: stopped first, its queues end their acknowledgements (or keep them for
            // the next start) instead of finding the services gone under them (ObjectDisposedException).
            await app.StopAsync();
            await imap.DisconnectAsync(true);
            return
            [
                new Figure(Name, new Measurement($"ingest {messages} mails with a 1 MiB backup, IMAP to BackupReceived", Unit, ingest),
                    new Measurement($"MailKit fetch and parse of the same {messages} mails", Unit, raw)),
            ];
        }
        finally
        {
            pickup.Delete(recursive: true);
        }
    }

    /// <summary>The mails as a delivery leaves them, appended over IMAP to the staging folder.</summary>
    private static async Task AppendAsync(IMailFolder staging, int round, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var number = round * 1000 + i;
            var deviceId = $"e00fce68{number:x16}";
            var eml = TestMail.Eml("My Photon blinks cyan then red after an update",
                $"Hello, the backup of my Photon {deviceId} is attached, as your guide asked.\n\nThanks, Owner {number}",
                from: $"Owner {number} <owner.{number}@example.com>", messageId: $"bench-mail-{number}@mail.example.com",
                attachments: ($"PHOTON_backup_{deviceId}.bin", TestMail.Image(AttachmentBytes, seed: number)));
            await staging.AppendAsync(new AppendRequest(TestMail.Parse(eml)));
        }
    }

    /// <summary>The floor: connect, select and fetch every mail's full body, parsed, as any reader of the mailbox must.</summary>
    private static async Task<TimeSpan> FetchAllAsync(MailServer server, int expected)
    {
        var started = Stopwatch.GetTimestamp();
        using var imap = await ConnectAsync(server);
        var staging = await imap.GetFolderAsync(Staging);
        await staging.OpenAsync(FolderAccess.ReadOnly);
        var uids = await staging.SearchAsync(SearchQuery.All);
        var attachments = 0;
        foreach (var uid in uids)
        {
            using var message = await staging.GetMessageAsync(uid);
            attachments += message.Attachments.Count();
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        await imap.DisconnectAsync(true);
        if (uids.Count != expected || attachments != expected)
            throw new InvalidOperationException($"{Staging} held {uids.Count} mails with {attachments} attachments, not {expected} with one each");
        return elapsed;
    }

    /// <summary>From one MOVE of every staged mail into INBOX until the database holds <paramref name="total"/> mailed backups.</summary>
    private static async Task<TimeSpan> IngestAsync(IMailFolder staging, IMailFolder inbox, IDocumentStore store, int total)
    {
        await staging.OpenAsync(FolderAccess.ReadWrite);
        var uids = await staging.SearchAsync(SearchQuery.All);
        var started = Stopwatch.GetTimestamp();
        await staging.MoveToAsync(uids, inbox);
        await staging.CloseAsync();
        var patience = TimeSpan.FromSeconds(60 + total);
        while (await BackupsFiledAsync(store) < total)
        {
            if (Stopwatch.GetElapsedTime(started) > patience)
                throw new TimeoutException($"the Api filed {await BackupsFiledAsync(store)} of {total} mailed backups within {patience}");
            await Task.Delay(50);
        }
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The worker moves a mail after committing its events: the Api stops only once the last one has gone.</summary>
    private static async Task UntilInboxEmptyAsync(IMailFolder inbox)
    {
        var patience = Stopwatch.StartNew();
        while (true)
        {
            await inbox.StatusAsync(StatusItems.Count);
            if (inbox.Count == 0) return;
            if (patience.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"INBOX still holds {inbox.Count} mails a minute after the last backup was filed");
            await Task.Delay(50);
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
