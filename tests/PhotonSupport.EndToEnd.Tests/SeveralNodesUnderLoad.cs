using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using Npgsql;
using PhotonSupport.Testing;
using PhotonSupport.Workers.Auth;
using PhotonSupport.Workers.Mail.Outbound;
using PhotonSupport.Workers.Tickets;

namespace PhotonSupport.EndToEnd.Tests;

/// <summary>
/// Issue 19's cluster: two Api nodes and two Workers nodes, each its own process, on one PostgreSQL and one mailbox.
/// 200 tickets, each with a backup request mailed to its owner, a Backup job for a bench agent's simulated Photon and a
/// reply from the owner, go in through both Api nodes; half way the Workers node that runs the projections is killed
/// with SIGKILL. In the end every projection has caught up, every job was claimed and succeeded once, every reply was
/// filed once and every mail sent once, but for a mail the kill cut off between the start of its sending and the
/// ledger's record of the server's answer: that one goes out again under its Message-ID, and only with the ledger
/// counting the interrupted attempt. The takeover time is printed.
/// </summary>
public sealed class SeveralNodesUnderLoad : IAsyncLifetime
{
    private const int Tickets = 200;
    private const int KilledAfter = Tickets / 2;
    private const int Benches = 4;

    /// <summary>Bounds for a loaded 2-core machine; every wait ends as soon as its condition holds.</summary>
    // A bound, not a timing: on a quiet machine the whole run takes about two and a half minutes, but with a load
    // average of 20 the last status mails were still going out at three minutes after the last ticket was pushed.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    /// <summary>The mailbox reader, as Wolverine names the agent (MailboxReader).</summary>
    private const string MailboxAgent = "photonsupport-mailbox://";
    // Wolverine's durability agent for the database: scheduled messages, and the inbox and outbox of a node that died.
    private const string DurabilityAgent = "wolverinedb://";

    /// <summary>Short takeover timings, so the test takes about a minute; the README names the defaults.</summary>
    private static readonly string[] Timings =
    [
        "--PhotonSupport:Node:ProjectionLeadershipPolling=00:00:01",
        "--PhotonSupport:Node:HealthCheckPolling=00:00:02",
        "--PhotonSupport:Node:StaleNodeTimeout=00:00:10",
    ];

    private readonly Dictionary<string, ProgramProcess> _nodes = [];
    private readonly List<ProgramProcess> _agents = [];
    private PostgresServer? _postgres;
    private MailServer? _mail;
    private string _database = "";
    private HttpClient[] _apis = [];

    /// <summary>Where the last wait for the end got, for its timeout's message.</summary>
    private string _progress = "";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        _database = await _postgres.CreateDatabaseAsync("photonsupport_cluster");
        // The nodes run in Production, which never creates schema: the operator's step comes first.
        await SchemaMigrations.ApplyAsync(_database);
        _mail = await MailServer.StartAsync();

        // One Workers node is up before the others start, so it is the one that leads at first.
        var first = Start("workers-a", "Workers");
        await ReadyAsync(first, "workers-a", () => Task.FromResult(first.Output.Any(l => l.Contains("Application started"))));
        var second = Start("workers-b", "Workers");
        var apiUrls = new[] { "api-1", "api-2" }.ToDictionary(name => name, _ => $"http://127.0.0.1:{LocalScript.FreePort()}");
        foreach (var (name, url) in apiUrls) Start(name, "Api", $"--urls={url}");

        var (supervisor, agent) = await KeysAsync();
        _apis = apiUrls.Values.Select(url => Client(url, supervisor)).ToArray();
        foreach (var (api, (name, _)) in _apis.Zip(apiUrls)) await ReadyAsync(_nodes[name], name, () => AnswersAsync(api));
        await ReadyAsync(second, "workers-b", () => Task.FromResult(second.Output.Any(l => l.Contains("Application started"))));

        // Four benches of 50 devices (a bench reports at most 64), two on each Api node.
        for (var bench = 0; bench < Benches; bench++)
        {
            string[] devices = [.. Enumerable.Range(0, Tickets).Where(i => i % Benches == bench).SelectMany(i => new[] { "--simulate", $"photon:{DeviceId(i)}:healthy" })];
            _agents.Add(ProgramProcess.AgentWithKey(agent, ["run", "--api", apiUrls.Values.ElementAt(bench % 2), "--no-usb", "--virtual-time", .. devices]));
        }
    }

    [Fact]
    public async Task Killing_the_node_that_runs_the_projections_mid_load_loses_nothing_and_repeats_nothing()
    {
        var tickets = await PushAsync(0, KilledAfter);

        var leader = await ProjectionLeaderAsync();
        var survivor = _nodes.Keys.Single(name => name.StartsWith("workers-", StringComparison.Ordinal) && name != leader);
        var killed = new Stopwatch();
        var (progress, placed) = (await ProgressAsync(), await AgentsAsync());
        killed.Start();
        await _nodes[leader].KillAsync(Cancellation);
        var killedAt = (await QueryAsync("select now()", r => r.GetDateTime(0))).Single();
        var projectionsMoved = ProjectionsMoveOnAsync(progress, killed);
        var mailbox = AgentTakeoverAsync(MailboxAgent, "the mailbox reader", placed, killedAt, survivor, killed);
        var durability = AgentTakeoverAsync(DurabilityAgent, "the durability agent", placed, killedAt, survivor, killed);

        tickets.AddRange(await PushAsync(KilledAfter, Tickets));
        var projectionsAfter = await projectionsMoved;
        Report($"Takeover after kill -9 of {leader}, which ran the projections: they moved on {projectionsAfter.TotalSeconds:0.0} s after the kill " +
               $"on {survivor}; {await mailbox}; {await durability}.");

        await EventuallyAsync("every projection caught up, every job done, every mail sent and read", async () =>
        {
            var ((caughtUp, projections), succeeded, notified, replied, box) = (await CaughtUpAsync(), await CountAsync("recovery_job_succeeded"),
                await CountAsync("owner_notified"), await CountAsync("customer_replied"), await MailboxAsync());
            var (distinct, sending) = (box.Filed.DistinctBy(m => m.MessageId).Count(), await OwnersMailInQueueAsync());
            _progress = $"projections caught up: {projections}; jobs succeeded {succeeded}, owner mails {notified}, replies filed {replied}, " +
                        $"mails in INBOX {box.Inbox}, filed {box.Filed.Count} ({distinct} Message-IDs), owners' mails still queued {sending}";
            return caughtUp && succeeded == Tickets && notified == 2 * Tickets && replied == Tickets && box.Inbox == 0 && distinct == 3 * Tickets && sending == 0;
        });

        foreach (var (id, reference) in tickets)
        {
            var types = (await _apis[0].GetFromJsonAsync<JsonArray>($"/api/tickets/{id}/events", Cancellation))!
                .Select(e => e!["type"]!.GetValue<string>()).ToArray();
            // One claim and one success per job; two mails (the backup request, the job's outcome) and one reply per ticket.
            int Count(string type) => types.Count(t => t == type);
            (Count("RecoveryJobQueued"), Count("RecoveryJobClaimed"), Count("RecoveryJobSucceeded"), Count("RecoveryJobLeaseExpired"))
                .ShouldBe((1, 1, 1, 0), $"{reference}: {string.Join(", ", types)}");
            (Count("OwnerNotified"), Count("CustomerReplied")).ShouldBe((2, 1), $"{reference}: {string.Join(", ", types)}");
        }
        var filed = (await MailboxAsync()).Filed;
        for (var i = 0; i < Tickets; i++)
        {
            filed.Where(m => m.To == Owner(i)).DistinctBy(m => m.MessageId).Count().ShouldBe(2, Owner(i));
            filed.Count(m => m.From == Owner(i)).ShouldBe(1, $"{Owner(i)}'s reply, filed once (a mail moved twice leaves two copies)");
        }
        var ledger = (await QueryAsync($"select message_id, delivered_at is not null, interrupted_attempts from {MailDeliveryLedger.Name}",
            r => (Id: r.GetString(0), Delivered: r.GetBoolean(1), Interrupted: r.GetInt32(2)))).ToDictionary(r => r.Id);
        ledger.Values.Count(r => r.Delivered).ShouldBe(2 * Tickets, "every owner's mail recorded as taken by the server");
        var repeated = filed.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).ToArray();
        foreach (var copies in repeated)
            (copies.Count() - 1).ShouldBeLessThanOrEqualTo(ledger.GetValueOrDefault(copies.Key).Interrupted,
                $"{copies.Key} is in the mailbox {copies.Count()} times: only a mail whose sending the kill cut off may go out again");
        Report($"Mails sent again because the kill cut their sending off: {repeated.Length} " +
               $"(attempts the ledger counts as interrupted: {ledger.Values.Sum(r => r.Interrupted)}).");
    }

    private ProgramProcess Start(string name, string role, params string[] more)
    {
        var node = (role == "Workers" ? (Func<string[], ProgramProcess>)ProgramProcess.Workers : ProgramProcess.Api)(
        [
            // The application name tells the nodes' connections apart in pg_stat_activity, which is how the test finds the leader.
            $"--ConnectionStrings:PhotonSupport={_database};Application Name={name}", $"--PhotonSupport:Node:Role={role}",
            .. TestVaultKeys.Settings, .. Timings, .. _mail!.Configuration().Select(s => $"--{s.Key}={s.Value}"), .. more,
        ]);
        _nodes[name] = node;
        return node;
    }

    private async Task<(string Supervisor, string Agent)> KeysAsync() =>
        (await KeyAsync(Roles.Supervisor, "cluster-supervisor"), await KeyAsync(Roles.Agent, "cluster-bench"));

    /// <summary>A key made the way an operator makes one (<c>keys create</c>), which prints the token last.</summary>
    private async Task<string> KeyAsync(string role, string name)
    {
        await using var keys = ProgramProcess.Api(new Dictionary<string, string> { ["PHOTONSUPPORT_DB"] = _database },
            "keys", "create", "--role", role, "--name", name);
        (await keys.ExitCodeAsync(Cancellation)).ShouldBe(0, string.Join(Environment.NewLine, keys.Output));
        return keys.Output.Last(l => !l.StartsWith("stderr: ", StringComparison.Ordinal));
    }

    private static string DeviceId(int i) => $"3c002b00034734333937{i:x4}";

    private static string Owner(int i) => $"owner-{i}@example.com";

    /// <summary>Tickets <paramref name="from"/> to <paramref name="to"/> (exclusive), eight at a time, as a busy desk sends them.</summary>
    private async Task<List<(Guid Id, string Reference)>> PushAsync(int from, int to)
    {
        var pushed = new (Guid, string)[to - from];
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Cancellation },
            async (i, _) => pushed[i - from] = await PushAsync(i));
        return [.. pushed];
    }

    /// <summary>One ticket through the Api node its number picks: opened, a backup asked of the owner, a Backup job queued, the owner's reply mailed.</summary>
    private async Task<(Guid, string)> PushAsync(int i)
    {
        var api = _apis[i % 2];
        var opened = await Json(await api.PostAsJsonAsync("/api/tickets", new
        {
            deviceId = DeviceId(i), platform = "Photon", ownerEmail = Owner(i), symptom = "dead after an update", ledPattern = "other",
        }, Cancellation), HttpStatusCode.Created);
        var (id, reference) = (opened["id"]!.GetValue<Guid>(), opened["reference"]!.GetValue<string>());
        (await api.PostAsJsonAsync($"/api/tickets/{id}/backup-requests", new { }, Cancellation)).IsSuccessStatusCode.ShouldBeTrue();
        await Json(await api.PostAsJsonAsync($"/api/tickets/{id}/jobs", new { kind = "Backup" }, Cancellation), HttpStatusCode.Created);
        await ReplyAsync(i, reference);
        return (id, reference);
    }

    private async Task ReplyAsync(int i, string reference)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(_mail!.Host, _mail.SmtpPort, MailKit.Security.SecureSocketOptions.None, Cancellation);
        await smtp.SendAsync(TestMail.Parse(TestMail.Eml($"Re: [{reference}] my Photon", "It is on its way to your bench.", from: Owner(i))), Cancellation);
        await smtp.DisconnectAsync(true, Cancellation);
    }

    /// <summary>The Workers node whose connections hold the async daemon's advisory locks (Marten's HotCold leader election).</summary>
    private async Task<string> ProjectionLeaderAsync()
    {
        string? leader = null;
        await EventuallyAsync("a Workers node holds the projections' advisory lock", async () =>
        {
            var holders = await QueryAsync("""
                select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
                where l.locktype = 'advisory' and l.granted and a.application_name like 'workers-%'
                group by a.application_name order by count(*) desc
                """, r => r.GetString(0));
            Report($"advisory locks held by: {string.Join(", ", holders)}");
            leader = holders.FirstOrDefault();
            return leader is not null;
        });
        return leader!;
    }

    /// <summary>
    /// How far each projection and subscription has got. Marten keeps its high-water bookkeeping in the same table
    /// (HighWaterMark, and HighWaterAllocationFence and HighWaterStuckGap once a gap in the sequence, such as the one a
    /// transaction killed mid-way leaves, has been waited on); those are no shards, and a stuck-gap row never moves on.
    /// </summary>
    private Task<List<(string Name, long Sequence)>> ProgressAsync() =>
        QueryAsync($"select name, last_seq_id from {TicketStore.Schema}.mt_event_progression where name not like 'HighWater%'", r => (r.GetString(0), r.GetInt64(1)));

    /// <summary>Every projection and subscription is at the last event appended; the ones behind are named for the timeout's message.</summary>
    private async Task<(bool, string)> CaughtUpAsync()
    {
        var last = (await QueryAsync($"select coalesce(max(seq_id), 0) from {TicketStore.Schema}.mt_events", r => r.GetInt64(0))).Single();
        var behind = (await ProgressAsync()).Where(p => p.Sequence < last).Select(p => $"{p.Name} at {p.Sequence}").ToArray();
        return (behind.Length == 0, behind.Length == 0 ? "yes" : $"no, the last event is {last}: {string.Join(", ", behind)}");
    }

    private async Task<long> CountAsync(string type) =>
        (await QueryAsync($"select count(*) from {TicketStore.Schema}.mt_events where type = '{type}'", r => r.GetInt64(0))).Single();

    /// <summary>From the kill until a projection moves past where it stood: another node took the daemon's advisory lock.</summary>
    private async Task<TimeSpan> ProjectionsMoveOnAsync(List<(string Name, long Sequence)> before, Stopwatch killed)
    {
        var moved = TimeSpan.Zero;
        await EventuallyAsync("a projection moves on after the kill", async () =>
        {
            if (!(await ProgressAsync()).Any(p => p.Sequence > before.Single(b => b.Name == p.Name).Sequence)) return false;
            moved = killed.Elapsed;
            return true;
        }, poll: TimeSpan.FromMilliseconds(100));
        return moved;
    }

    private sealed record FiledMail(string MessageId, string From, string To);

    /// <summary>What the mailbox holds: mails still in INBOX, and every mail the reader filed (Processed, Quarantine).</summary>
    private async Task<(int Inbox, List<FiledMail> Filed)> MailboxAsync()
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync(_mail!.Host, _mail.ImapPort, MailKit.Security.SecureSocketOptions.None, Cancellation);
        await imap.AuthenticateAsync(_mail.User, _mail.Password, Cancellation);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly, Cancellation);
        var inbox = imap.Inbox.Count;
        var filed = new List<FiledMail>();
        foreach (var name in new[] { "Processed", "Quarantine" })
        {
            var folder = await imap.GetFolderAsync(name, Cancellation);
            await folder.OpenAsync(FolderAccess.ReadOnly, Cancellation);
            if (folder.Count == 0) continue;
            foreach (var summary in await folder.FetchAsync(0, -1, MessageSummaryItems.Envelope, Cancellation))
            {
                var envelope = summary.Envelope!;
                filed.Add(new FiledMail(envelope.MessageId ?? "", envelope.From.Mailboxes.Single().Address, envelope.To.Mailboxes.Single().Address));
            }
        }
        await imap.DisconnectAsync(true, Cancellation);
        return (inbox, filed);
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var rows = new List<T>();
        while (await reader.ReadAsync(Cancellation)) rows.Add(read(reader));
        return rows;
    }

    /// <summary>To the test's output (in the trx, which ./test.sh prints from) and to the console.</summary>
    private static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Console.WriteLine(line);
    }

    private static HttpClient Client(string url, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<bool> AnswersAsync(HttpClient api)
    {
        try
        {
            return (await api.GetAsync("/health", Cancellation)).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task ReadyAsync(ProgramProcess node, string name, Func<Task<bool>> ready)
    {
        try
        {
            await EventuallyAsync($"{name} started", async () => node.HasExited
                ? throw new InvalidOperationException($"{name} exited:{Environment.NewLine}{string.Join(Environment.NewLine, node.Output)}")
                : await ready());
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + Environment.NewLine + string.Join(Environment.NewLine, node.Output));
        }
    }

    private async Task EventuallyAsync(string what, Func<Task<bool>> done, TimeSpan? poll = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Patience)
        {
            if (await done()) return;
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(500), Cancellation);
        }
        throw new TimeoutException($"not within {Patience}: {what} ({_progress}); {await MessagesLeftAsync()}; warnings and last lines of each node:" +
            Environment.NewLine + string.Join(Environment.NewLine, _nodes.Select(n =>
                $"-- {n.Key}:{Environment.NewLine}{string.Join(Environment.NewLine, Notable(n.Value.Output).TakeLast(30))}" +
                $"{Environment.NewLine}{string.Join(Environment.NewLine, n.Value.Output.TakeLast(15))}")));
    }

    /// <summary>The nodes Wolverine's leader has placed its agents on, by agent URI, as the leader records them.</summary>
    private async Task<Dictionary<string, Guid>> AgentsAsync() =>
        (await QueryAsync("select id, node_id from wolverine.wolverine_node_assignments", r => (r.GetString(0), r.GetGuid(1)))).ToDictionary();

    /// <summary>
    /// Where an agent Wolverine places on one node went after the kill: once it is assigned to a node whose heartbeat
    /// came after the kill, it runs on the survivor; if that is another node than before, it moved. Read from the
    /// leader's assignments, not from the nodes' logs: in the first seconds the agents may move between the nodes
    /// before they settle, so a node that once logged starting one need not be running it at the kill.
    /// </summary>
    private async Task<string> AgentTakeoverAsync(string agentUri, string agent, Dictionary<string, Guid> placed, DateTime killedAt, string survivor,
        Stopwatch killed)
    {
        // Empty when the leader had it between nodes at the kill: then wherever it runs next, it moved there.
        var before = placed.FirstOrDefault(a => a.Key.StartsWith(agentUri, StringComparison.Ordinal)).Value;
        var (runsOn, after) = (Guid.Empty, TimeSpan.Zero);
        await EventuallyAsync($"{agent} on a node alive after the kill", async () =>
        {
            runsOn = (await QueryAsync($"""
                select a.node_id from wolverine.wolverine_node_assignments a join wolverine.wolverine_nodes n on n.id = a.node_id
                where a.id like '{agentUri}%' and n.health_check > '{killedAt:O}'
                """, r => r.GetGuid(0))).SingleOrDefault();
            after = killed.Elapsed;
            return runsOn != Guid.Empty;
        }, poll: TimeSpan.FromMilliseconds(200));
        return runsOn == before ? $"{agent} was on {survivor} and stayed there" : $"{agent} moved to {survivor} {after.TotalSeconds:0.0} s after the kill";
    }

    /// <summary>A node's warnings and errors, and what Wolverine said about recovering messages and placing agents.</summary>
    private static IEnumerable<string> Notable(IReadOnlyCollection<string> lines)
    {
        var output = lines.ToArray();
        return output.Select((line, i) => (line, next: i + 1 < output.Length ? output[i + 1] : ""))
            .Where(l => l.line.StartsWith("warn") || l.line.StartsWith("fail") || l.line.StartsWith("crit") ||
                        l.next.Contains("recover", StringComparison.OrdinalIgnoreCase) || l.next.Contains("latched", StringComparison.OrdinalIgnoreCase) ||
                        l.next.Contains("agent ", StringComparison.Ordinal) || l.next.Contains("leadership", StringComparison.Ordinal) ||
                        l.next.Contains("orphan", StringComparison.OrdinalIgnoreCase) ||
                        l.next.Contains("dormant", StringComparison.OrdinalIgnoreCase) || l.next.Contains("stale", StringComparison.OrdinalIgnoreCase))
            .Select(l => $"{l.line} {l.next.Trim()}");
    }

    /// <summary>Owners' mails Wolverine still holds to send (in the queue or waiting for a retry).</summary>
    private async Task<long> OwnersMailInQueueAsync() => (await QueryAsync(
        $"select count(*) from wolverine.wolverine_incoming_envelopes where status <> 'Handled' and message_type like '%{nameof(SendOwnerMail)}%'",
        r => r.GetInt64(0))).Single();

    /// <summary>What Wolverine still holds, by message type, status and owning node, and what it gave up on: for a timeout's message.</summary>
    private async Task<string> MessagesLeftAsync()
    {
        var left = await QueryAsync("""
            select message_type || ' ' || status || ' owner ' || owner_id || ' × ' || count(*) from wolverine.wolverine_incoming_envelopes
            where status <> 'Handled' group by message_type, status, owner_id
            union all
            select 'dead: ' || message_type || ' ' || coalesce(exception_type, '') || ' × ' || count(*) from wolverine.wolverine_dead_letters
            group by message_type, exception_type
            """, r => r.GetString(0));
        return left.Count == 0 ? "Wolverine holds no unhandled message" : "Wolverine holds " + string.Join("; ", left);
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(expected, text);
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var api in _apis) api.Dispose();
        foreach (var agent in _agents) await agent.DisposeAsync();
        foreach (var node in _nodes.Values) await node.DisposeAsync();
        if (_mail is not null) await _mail.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
