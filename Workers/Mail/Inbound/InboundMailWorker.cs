using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;
using Wolverine;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>
/// The one owner of the support mailbox's IMAP connection. Each round: connect, log in and open the
/// mailbox if needed; handle every mail past the stored cursor in UID order (commit its events, then move
/// it, then advance the cursor); then IDLE until mail arrives (re-issued every <see cref="InboundMailOptions.IdleRestart"/>),
/// or poll when the server has no IDLE. Any failure ends the round: reconnect after a bounded back-off.
/// </summary>
public sealed class InboundMailWorker(
    IOptionsMonitor<MailServerSettings> servers, IOptions<InboundMailOptions> options, IServiceScopeFactory scopes, IDocumentStore store,
    InboundMailMetrics metrics, TimeProvider clock, ILogger<InboundMailWorker> logger) : BackgroundService
{
    private static readonly TimeSpan HandlingTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Mails moved with one MOVE, and the cursor saved once, per this many: a crash reads at most this many committed
    /// mails again, each recognised as a duplicate, and few enough (a 1 MiB image each) to hold in memory.
    /// </summary>
    private const int Batch = 32;

    private readonly InboundMailOptions _options = options.Value;

    /// <summary>Failed handlings per UID of the open mailbox; cleared when the mail is moved.</summary>
    private readonly Dictionary<uint, int> _attempts = [];

    /// <summary>
    /// The server said the mailbox grew since the last SEARCH. Its EXISTS can ride on the answer to any
    /// command (a FETCH, a MOVE): mail that arrives mid-round must start another round, not wait for the next IDLE.
    /// </summary>
    private bool _mailArrived;

    private int _knownCount;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var server = servers.Get(InboundMailOptions.ImapSettings);
        if (!server.Configured)
        {
            logger.LogInformation("Inbound mail is off: no IMAP host configured ({Section}:Host)", InboundMailOptions.ImapSection);
            return;
        }
        logger.LogInformation("Watching {Mailbox} on {Server}", _options.Mailbox, server);

        using var client = new ImapClient();
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var mailbox = await OpenAsync(client, server, stopping);
                var handled = await DrainAsync(client, mailbox, server, stopping);
                failures = 0;
                // Mail handled this round may have been joined by more meanwhile: look again before waiting.
                if (handled == 0 && !_mailArrived) await WaitForMailAsync(client, mailbox, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                failures++;
                var delay = TimeSpan.FromSeconds(Math.Min(_options.PollInterval.TotalSeconds, Math.Pow(2, failures - 1)));
                logger.LogWarning(e, "Mailbox {Mailbox} on {Server}: round failed ({Failures} in a row), reconnecting in {Delay}",
                    _options.Mailbox, server, failures, delay);
                await DropAsync(client);
                try
                {
                    await Task.Delay(delay, clock, stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        if (client.IsConnected) await client.DisconnectAsync(true, CancellationToken.None);
    }

    /// <summary>After a failure the connection's state is unknown: start the next round from a fresh one.</summary>
    private async Task DropAsync(ImapClient client)
    {
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(quit: false, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or ImapProtocolException or ImapCommandException or ServiceNotConnectedException)
        {
            logger.LogDebug(e, "Dropping the IMAP connection failed too");
        }
    }

    /// <summary>Connect, authenticate, open: each step only if not already done, so it is safe to call after any drop.</summary>
    private async Task<IMailFolder> OpenAsync(ImapClient client, MailServerSettings server, CancellationToken cancellation)
    {
        if (!client.IsConnected) await client.ConnectAsync(server.Host!, server.Port, SocketOptions(server.Tls), cancellation);
        if (!client.IsAuthenticated) await client.AuthenticateAsync(server.User ?? "", server.Password ?? "", cancellation);
        var mailbox = string.Equals(_options.Mailbox, "INBOX", StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(_options.Mailbox, cancellation);
        if (!mailbox.IsOpen || mailbox.Access != FolderAccess.ReadWrite) await mailbox.OpenAsync(FolderAccess.ReadWrite, cancellation);
        // Once per folder object, which MailKit keeps across reconnects.
        mailbox.CountChanged -= OnCountChanged;
        mailbox.CountChanged += OnCountChanged;
        return mailbox;
    }

    private void OnCountChanged(object? sender, EventArgs e)
    {
        var count = ((IMailFolder)sender!).Count;
        if (count > _knownCount) _mailArrived = true;
        _knownCount = count;
    }

    private static SecureSocketOptions SocketOptions(MailTls tls) => tls switch
    {
        MailTls.None => SecureSocketOptions.None,
        MailTls.Implicit => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>Handles every mail past the cursor, oldest first, <see cref="Batch"/> at a time; returns how many it looked at.</summary>
    private async Task<int> DrainAsync(ImapClient client, IMailFolder mailbox, MailServerSettings server, CancellationToken cancellation)
    {
        var cursor = await CursorAsync(mailbox, server, cancellation);
        (_mailArrived, _knownCount) = (false, mailbox.Count);
        // "n:*" always includes the highest UID even when it is below n (RFC 3501 §6.4.8), hence the filter.
        var uids = (await mailbox.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId(cursor.LastUid + 1), UniqueId.MaxValue)), cancellation))
            .Where(uid => uid.Id > cursor.LastUid).OrderBy(uid => uid.Id).ToArray();
        foreach (var batch in uids.Chunk(Batch)) await DrainBatchAsync(client, mailbox, cursor, batch, cancellation);
        return uids.Length;
    }

    /// <summary>
    /// Commits each mail's events in its own transaction, in UID order, reading the next mail over IMAP while the
    /// current one commits; then moves the handled mails with one MOVE per folder and saves the cursor once. A crash
    /// before the move leaves committed mails in the mailbox: read again, their <see cref="ReceivedMail"/> makes
    /// them duplicates that add nothing and are moved then.
    /// </summary>
    private async Task DrainBatchAsync(ImapClient client, IMailFolder mailbox, MailboxCursor cursor, UniqueId[] batch, CancellationToken cancellation)
    {
        // One FETCH for the batch's sizes; a mail moved away meanwhile (by another worker) is not in the answer.
        var sizes = (await mailbox.FetchAsync(batch, MessageSummaryItems.Size | MessageSummaryItems.UniqueId, cancellation))
            .ToDictionary(summary => summary.UniqueId.Id, summary => summary.Size);
        var handled = new List<(UniqueId Uid, InboundMailOutcome? Outcome)>();
        Task<Fetched?>? next = ReadAsync(mailbox, batch[0], sizes, cancellation);
        try
        {
            for (var i = 0; i < batch.Length; i++)
            {
                var fetched = await next!;
                // The connection is idle while a mail commits: the next one's bytes come meanwhile.
                next = i + 1 < batch.Length ? ReadAsync(mailbox, batch[i + 1], sizes, cancellation) : null;
                handled.Add((batch[i], await HandleAsync(batch[i], fetched, cancellation)));
            }
        }
        catch (Exception e)
        {
            await SettledAsync(next);
            // The mails before the failing one are committed: move them now rather than read them again next round.
            if (e is not OperationCanceledException) await TryFileAsync(client, mailbox, cursor, handled, cancellation);
            throw;
        }
        await FileAsync(client, mailbox, cursor, handled, cancellation);
    }

    /// <summary>Moves each handled mail to its outcome's folder, one MOVE per folder, then records how far the cursor got.</summary>
    private async Task FileAsync(ImapClient client, IMailFolder mailbox, MailboxCursor cursor, List<(UniqueId Uid, InboundMailOutcome? Outcome)> handled,
        CancellationToken cancellation)
    {
        if (handled.Count == 0) return;
        var moved = handled.Where(h => h.Outcome is not null).Select(h => (h.Uid, Outcome: h.Outcome!)).ToArray();
        foreach (var folder in moved.GroupBy(h => FolderOf(h.Outcome)))
            await mailbox.MoveToAsync(folder.Select(h => h.Uid).ToList(), await FolderAsync(client, folder.Key, cancellation), cancellation);
        foreach (var (uid, outcome) in moved)
        {
            Log(uid, outcome);
            metrics.Handled(outcome);
        }
        foreach (var (uid, _) in handled) _attempts.Remove(uid.Id);
        cursor.LastUid = handled[^1].Uid.Id;
        await SaveAsync(cursor, cancellation);
    }

    /// <summary>Filing on the way out of a failed batch: if the connection or database is what failed, the next round files them instead.</summary>
    private async Task TryFileAsync(ImapClient client, IMailFolder mailbox, MailboxCursor cursor, List<(UniqueId Uid, InboundMailOutcome? Outcome)> handled,
        CancellationToken cancellation)
    {
        try
        {
            await FileAsync(client, mailbox, cursor, handled, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug(e, "Moving the {Count} mails handled before the failure failed too; the next round moves them", handled.Count);
        }
    }

    /// <summary>A read still in flight must end before the connection takes another command; its failure is the next round's.</summary>
    private static async Task SettledAsync(Task<Fetched?>? read)
    {
        if (read is null) return;
        try
        {
            await read;
        }
        catch (Exception)
        {
            // Not this batch's failure: the round is ending, and the next one reads the mail again.
        }
    }

    private string FolderOf(InboundMailOutcome outcome) =>
        outcome.Disposition == MailDisposition.Processed ? _options.ProcessedFolder : _options.QuarantineFolder;

    /// <summary>
    /// A mail fetched and parsed, or what becomes of one that can't be (<see cref="Refused"/>); null when it is no longer
    /// there (another worker moved it).
    /// </summary>
    private sealed record Fetched(MimeMessage? Message, InboundMailOutcome? Refused);

    private async Task<Fetched?> ReadAsync(IMailFolder mailbox, UniqueId uid, Dictionary<uint, uint?> sizes, CancellationToken cancellation)
    {
        if (!sizes.TryGetValue(uid.Id, out var size)) return null;
        if (size > _options.MaxMessageBytes)
            return new Fetched(null, InboundMailOutcome.Quarantined($"{size} bytes, over the {_options.MaxMessageBytes}-byte limit: not read"));
        try
        {
            return new Fetched(await mailbox.GetMessageAsync(uid, cancellation), null);
        }
        catch (FormatException e)
        {
            // MimeKit's ParseException: the bytes are not a mail it can read at all.
            return new Fetched(null, InboundMailOutcome.Quarantined($"unreadable MIME: {e.Message}"));
        }
        catch (MessageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The mail's outcome, or null when it is no longer there.</summary>
    private async Task<InboundMailOutcome?> HandleAsync(UniqueId uid, Fetched? fetched, CancellationToken cancellation)
    {
        if (fetched is null) return null;
        if (fetched.Message is not { } message) return fetched.Refused;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            // Wolverine's default of 5 s is short for storing a Core's 2 MiB image on a loaded machine.
            return await bus.InvokeAsync<InboundMailOutcome>(new HandleInboundMail(message), cancellation, HandlingTimeout);
        }
        catch (Exception e) when (e is not OperationCanceledException && !IsTransient(e))
        {
            var attempts = _attempts[uid.Id] = _attempts.GetValueOrDefault(uid.Id) + 1;
            if (attempts < _options.MaxAttempts) throw;
            logger.LogError(e, "Mail UID {Uid} failed {Attempts} times", uid.Id, attempts);
            return InboundMailOutcome.Quarantined($"handling failed {attempts} times: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>A database that is down fails every mail: that ends the round and is retried later, it is not the mail's fault.</summary>
    private static bool IsTransient(Exception e) =>
        e is NpgsqlException { IsTransient: true } || (e.InnerException is { } inner && IsTransient(inner));

    private void Log(UniqueId uid, InboundMailOutcome outcome)
    {
        if (outcome.Disposition == MailDisposition.Quarantined)
            logger.LogWarning("Mail UID {Uid} quarantined: {Reason}", uid.Id, outcome.Reason);
        else
            logger.LogInformation("Mail UID {Uid} processed{Duplicate}: {Reason}", uid.Id, outcome.Duplicate ? " (seen before, nothing new)" : "", outcome.Reason);
    }

    private static async Task<IMailFolder> FolderAsync(ImapClient client, string name, CancellationToken cancellation)
    {
        try
        {
            return await client.GetFolderAsync(name, cancellation);
        }
        catch (FolderNotFoundException)
        {
            return await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(name, isMessageFolder: true, cancellation)
                ?? throw new InvalidOperationException($"The server did not create folder {name}.");
        }
    }

    private async Task<MailboxCursor> CursorAsync(IMailFolder mailbox, MailServerSettings server, CancellationToken cancellation)
    {
        var id = $"{server.User}@{server.Host}/{mailbox.FullName}";
        await using var session = store.QuerySession();
        var cursor = await session.LoadAsync<MailboxCursor>(id, cancellation) ?? new MailboxCursor { Id = id, UidValidity = mailbox.UidValidity };
        if (cursor.UidValidity == mailbox.UidValidity) return cursor;

        logger.LogWarning("Mailbox {Mailbox}: UIDVALIDITY changed from {Old} to {New}; reading it from the start (Message-IDs keep this from repeating anything)",
            mailbox.FullName, cursor.UidValidity, mailbox.UidValidity);
        return new MailboxCursor { Id = id, UidValidity = mailbox.UidValidity };
    }

    private async Task SaveAsync(MailboxCursor cursor, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        session.Store(cursor);
        await session.SaveChangesAsync(cancellation);
    }

    private async Task WaitForMailAsync(ImapClient client, IMailFolder mailbox, CancellationToken stopping)
    {
        if (!_options.Idle || !client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await Task.Delay(_options.PollInterval, clock, stopping);
            return;
        }
        using var restart = new CancellationTokenSource(_options.IdleRestart, clock);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(restart.Token);
        void Arrived(object? sender, EventArgs e) => done.Cancel();
        mailbox.CountChanged += Arrived;
        try
        {
            await client.IdleAsync(done.Token, stopping);
        }
        finally
        {
            mailbox.CountChanged -= Arrived;
        }
    }
}
