using System.Diagnostics;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PhotonSupport.Api.Search;
using PhotonSupport.Api.Tickets;
using JasperFx.Events.Projections;
using PhotonSupport.Workers.Backups;
using PhotonSupport.Workers.Devices;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Mail;
using PhotonSupport.Workers.Mail.Outbound;
using PhotonSupport.Workers.ReadModels;
using PhotonSupport.Workers.Reports;
using PhotonSupport.Workers.Search;
using PhotonSupport.Workers.Tickets;
using PhotonSupport.Workers.Waiting;
using CoordinatorOfMarten = Marten.Events.Daemon.Coordination.IProjectionCoordinator;

namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// Issue 17, point 4: the reads with a full table behind them. 100,000 tickets and about a million events
/// (<c>--quick</c>: 5,000 and 50,000) are loaded through Marten (<see cref="TicketBulkLoad"/>) with the async daemon
/// paused; the daemon is then resumed and timed until its three projections (device history, search, outcome) have
/// caught up: the rebuild rate in events/s, beside a raw read of every event in pages. Then each read the staff use
/// is timed over HTTP, one request after another, beside the same query run in-process on the Api's own store (the
/// queue's <see cref="TicketQueue"/>, the history's document load, <see cref="TicketSearch"/>): the ratio is what
/// HTTP, the API key, routing, the freshness check and JSON cost. The two take turns (<see cref="Rounds"/>).
/// </summary>
public static class QueriesScenario
{
    public const string Name = "queries";
    private const int RequestsPerTurn = 20;
    private const int FewestPerTurn = 3;
    private const int RawPage = 10_000;
    private static readonly string[] AsyncProjections =
        [DeviceHistoryProjection.ProjectionName, TicketSearchProjection.ProjectionName, TicketOutcomeProjection.ProjectionName];

    // The daemon's subscriptions relay events to Wolverine: mails owed, backup chases, retention. The loaded tickets are
    // the past, whose mails went out then; relayed now, thousands of mails would append OwnerNotified under the reads.
    private static readonly string[] Subscriptions =
        [OwnerMailTriggers.SubscriptionName, BackupChaseTriggers.SubscriptionName, BackupRetentionTriggers.SubscriptionName];
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromMinutes(30);

    private sealed record Read(string Name, string Path, Func<IQuerySession, CancellationToken, Task> Direct);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchApi api, string connectionString, bool quick, TextWriter log)
    {
        var tickets = quick ? 5_000 : 100_000;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var figures = new List<Figure> { await LoadAndCatchUpAsync(api, dataSource, tickets, quick, log) };

        var (rounds, budget) = quick ? (3, TimeSpan.FromSeconds(1)) : (10, TimeSpan.FromSeconds(5));
        foreach (var read in await ReadsAsync(dataSource, tickets))
        {
            var samples = await Rounds.InTurnsAsync(rounds,
                () => TimeAsync(budget, c => GetAsync(api.Staff, read.Path, c)),
                () => TimeAsync(budget, async c =>
                {
                    await using var session = api.Store.QuerySession();
                    await read.Direct(session, c);
                }));
            var http = new Measurement(read.Name, "ms", samples[0]);
            var direct = new Measurement("the same query in-process", "ms", samples[1]);
            log.WriteLine($"  {read.Name}: HTTP p50 {http.Median:0.0} ms, p99 {http.P99:0.0} ms; in-process p50 {direct.Median:0.0} ms");
            figures.Add(new Figure(Name, http, direct, $"{tickets:N0} tickets; one read at a time, up to {RequestsPerTurn} a turn"));
        }
        figures.Add(await SentMailLookupAsync(api, tickets, rounds, budget, log));
        return figures;
    }

    /// <summary>
    /// What every mail read and every mail composed asks first (is this Message-ID ours? is this mail sent already?):
    /// the key lookup in <see cref="SentMail"/> against the scan of the OwnerNotified events it replaced, both in-process.
    /// Timed for a Message-ID that is not ours, the common answer (a customer's mail, a mail's first composition), which
    /// the scan can only give after reading every OwnerNotified; both are first checked to find one that is.
    /// </summary>
    private static async Task<Figure> SentMailLookupAsync(BenchApi api, int tickets, int rounds, TimeSpan budget, TextWriter log)
    {
        var ours = TicketBulkLoad.MessageIdOf(tickets / 2, OwnerMailKind.BackupRequest);
        const string theirs = "<CAF=reply-from-an-owner@mail.example.com>";
        await using (var session = api.Store.QuerySession())
        {
            if (await ByKeyAsync(session, ours, default) is false || await ByScanAsync(session, ours, default) is false)
                throw new InvalidOperationException($"the loaded mail {ours} is not found");
        }

        var samples = await Rounds.InTurnsAsync(rounds,
            () => TimeAsync(budget, async c =>
            {
                await using var session = api.Store.QuerySession();
                if (await ByKeyAsync(session, theirs, c)) throw new InvalidOperationException($"{theirs} is not ours");
            }),
            () => TimeAsync(budget, async c =>
            {
                await using var session = api.Store.QuerySession();
                if (await ByScanAsync(session, theirs, c)) throw new InvalidOperationException($"{theirs} is not ours");
            }));
        var key = new Measurement("is a customer's Message-ID ours? (SentMail key)", "ms", samples[0]);
        var scan = new Measurement("the OwnerNotified event scan it replaced", "ms", samples[1]);
        log.WriteLine($"  {key.Name}: p50 {key.Median:0.00} ms, p99 {key.P99:0.00} ms; event scan p50 {scan.Median:0.0} ms");
        return new Figure(Name, key, scan, $"{tickets:N0} tickets; one lookup at a time");

        static async Task<bool> ByKeyAsync(IQuerySession session, string messageId, CancellationToken c) =>
            await session.LoadAsync<SentMail>(messageId, c) is not null;

        static Task<bool> ByScanAsync(IQuerySession session, string messageId, CancellationToken c) =>
            session.Events.QueryRawEventDataOnly<OwnerNotified>().AnyAsync(e => e.MessageId == messageId, c);
    }

    /// <summary>
    /// The daemon paused (it keeps its lock) while the load appends, so the catch-up is its own work: every event
    /// through the three async projections, from the daemon's restart to the last shard's progress reaching the
    /// highest event. Anything earlier scenarios left behind is projected first, outside the timing. The subscriptions are
    /// moved past the load while the daemon is paused (<see cref="Subscriptions"/>).
    /// </summary>
    private static async Task<Figure> LoadAndCatchUpAsync(BenchApi api, NpgsqlDataSource dataSource, int tickets, bool quick, TextWriter log)
    {
        var coordinator = api.Services.GetRequiredService<CoordinatorOfMarten>();
        var freshness = api.Services.GetRequiredService<ProjectionFreshness>();
        await CatchUpAsync(freshness);
        await coordinator.PauseAsync();

        var clock = Stopwatch.StartNew();
        var events = await TicketBulkLoad.LoadAsync(api.Store, tickets, log);
        var loading = clock.Elapsed;
        await SkipSubscriptionsAsync(dataSource);
        log.WriteLine($"  loaded {tickets:N0} tickets, {events:N0} events in {loading.TotalSeconds:0.0} s ({events / loading.TotalSeconds:N0} events/s)");

        clock.Restart();
        await coordinator.ResumeAsync();
        await CatchUpAsync(freshness);
        var catchUp = clock.Elapsed;
        log.WriteLine($"  async daemon caught up in {catchUp.TotalSeconds:0.0} s ({events / catchUp.TotalSeconds:N0} events/s)");

        var raw = new List<double>();
        for (var read = 0; read < 3; read++) raw.Add(await ReadEveryEventAsync(dataSource));
        return new Figure(Name,
            new Measurement("async daemon catch-up: 3 projections over the loaded events", "events/s", [events / catchUp.TotalSeconds]),
            new Measurement($"raw read of every event, pages of {RawPage:N0}", "events/s", raw),
            $"{tickets:N0} tickets, {events:N0} events loaded with Marten StartStream in {loading.TotalSeconds:0} s " +
            $"({events / loading.TotalSeconds:N0} events/s, inline Ticket projection, daemon paused); the catch-up includes the daemon's restart");
    }

    /// <summary>Each subscription's progress set to the highest event, as if it had relayed everything loaded.</summary>
    private static async Task SkipSubscriptionsAsync(NpgsqlDataSource dataSource)
    {
        foreach (var subscription in Subscriptions)
        {
            await using var command = dataSource.CreateCommand(
                $"insert into {TicketStore.Schema}.mt_event_progression (name, last_seq_id) " +
                $"select $1, coalesce(max(seq_id), 0) from {TicketStore.Schema}.mt_events " +
                "on conflict (name) do update set last_seq_id = excluded.last_seq_id");
            command.Parameters.Add(new NpgsqlParameter { Value = new ShardName(subscription, ShardName.All, 1).Identity });
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task CatchUpAsync(ProjectionFreshness freshness)
    {
        foreach (var shard in AsyncProjections)
        {
            var reached = await freshness.WaitAsync(shard, CancellationToken.None, CatchUpLimit);
            if (reached.Stale) throw new InvalidOperationException($"{reached.Shard} is {reached.Behind} events behind after {CatchUpLimit}");
        }
    }

    /// <summary>Every column of every event, in sequence order, a page at a time on the primary key: events/s.</summary>
    private static async Task<double> ReadEveryEventAsync(NpgsqlDataSource dataSource)
    {
        var clock = Stopwatch.StartNew();
        long last = 0, count = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                $"select seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type from {TicketStore.Schema}.mt_events " +
                "where seq_id > $1 order by seq_id limit $2");
            command.Parameters.Add(new NpgsqlParameter { Value = last });
            command.Parameters.Add(new NpgsqlParameter { Value = RawPage });
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                last = reader.GetInt64(0);
                _ = reader.GetString(4);
                rows++;
            }
            count += rows;
            if (rows < RawPage) return count / clock.Elapsed.TotalSeconds;
        }
    }

    /// <summary>
    /// The reads, on tickets the load made known: device 0 has two tickets, owner 1 has a twentieth of a full load's,
    /// and the deep page starts half-way down the queue with the cursor the queue itself would have given there.
    /// </summary>
    private static async Task<IReadOnlyList<Read>> ReadsAsync(NpgsqlDataSource dataSource, int tickets)
    {
        var device = TicketBulkLoad.DeviceId(0);
        var owner = TicketBulkLoad.OwnerOf(1);
        var deep = await CursorAtAsync(dataSource, tickets / 2);
        var all = new TicketQueueQuery(null, null, null, null, null, null, null);
        return
        [
            Queue("GET /api/tickets", "", all),
            Queue("GET /api/tickets?status=Resolved", "?status=Resolved", all with { Status = "Resolved" }),
            Queue($"GET /api/tickets?platform={TicketBulkLoad.BusiestPlatform}", $"?platform={TicketBulkLoad.BusiestPlatform}",
                all with { Platform = TicketBulkLoad.BusiestPlatform }),
            Queue("GET /api/tickets?deviceId=…", $"?deviceId={device}", all with { DeviceId = device }),
            Queue("GET /api/tickets?ownerEmail=…", $"?ownerEmail={Uri.EscapeDataString(owner)}", all with { OwnerEmail = owner }),
            Queue("GET /api/tickets?assignee=none", "?assignee=none", all with { Assignee = TicketQueue.Unassigned }),
            Queue($"GET /api/tickets?cursor=… (ticket {tickets / 2:N0})", $"?cursor={deep}", all with { Cursor = deep }),
            new("GET /api/devices/{id}/history", $"/api/devices/{device}/history", (s, c) => s.LoadAsync<DeviceHistory>(device, c)),
            Search("rare word", TicketBulkLoad.RareWord),
            Search("common word", TicketBulkLoad.CommonWord),
        ];

        static Read Queue(string name, string query, TicketQueueQuery parameters) =>
            new(name, $"/api/tickets{query}", (s, c) => TicketQueue.From(parameters, new QueryCollection(), TicketTraffic.Actor).ReadAsync(s, c));

        static Read Search(string what, string word) =>
            new($"GET /api/search?q={word} ({what})", $"/api/search?q={word}", (s, c) => TicketSearch.FindAsync(s, word, SearchEndpoints.DefaultLimit, c));
    }

    /// <summary>The queue's cursor after its <paramref name="position"/>th ticket (most recently updated first).</summary>
    private static async Task<string> CursorAtAsync(NpgsqlDataSource dataSource, int position)
    {
        await using var command = dataSource.CreateCommand(
            $"select updated_at, id from {TicketStore.Schema}.mt_doc_ticket order by updated_at desc, id desc offset $1 limit 1");
        command.Parameters.Add(new NpgsqlParameter { Value = position - 1 });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException($"The queue has fewer than {position} tickets");
        return new TicketCursor(reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1)).Encode();
    }

    private static async Task GetAsync(HttpClient staff, string path, CancellationToken cancellation)
    {
        using var response = await staff.GetAsync(path, cancellation);
        var body = await response.Content.ReadAsByteArrayAsync(cancellation);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
    }

    /// <summary>
    /// Reads one after another, each timed in milliseconds: <see cref="RequestsPerTurn"/> of them, or as many as
    /// <paramref name="budget"/> allows but at least <see cref="FewestPerTurn"/>, so a slow read does not hold the run up.
    /// </summary>
    private static async Task<IReadOnlyList<double>> TimeAsync(TimeSpan budget, Func<CancellationToken, Task> read)
    {
        var times = new List<double>(RequestsPerTurn);
        var turn = Stopwatch.StartNew();
        while (times.Count < RequestsPerTurn && (times.Count < FewestPerTurn || turn.Elapsed < budget))
        {
            var started = Stopwatch.GetTimestamp();
            await read(CancellationToken.None);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return times;
    }
}
