using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Jobs;
using PhotonSupport.Workers.Mail.Outbound;
using PhotonSupport.Workers.Tickets;
using Wolverine.Util;

namespace PhotonSupport.Workers.Telemetry;

/// <summary>
/// The meter <c>PhotonSupport</c>: the questions an operator asks of the desk, answered from the database when a
/// collector asks (observable gauges, one small indexed query each), so every node reports the same numbers and
/// nothing on the request path counts anything. A hosted service only so its instruments exist from the start.
/// </summary>
public sealed class OperatorMetrics : IHostedService
{
    public const string MeterName = "PhotonSupport";

    private readonly IDocumentStore _store;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _agentConnectedWithin;
    private readonly ILogger<OperatorMetrics> _log;
    private readonly IReadOnlyList<string> _shards;

    public OperatorMetrics(IMeterFactory meters, IDocumentStore store, StoreOptions storeOptions, TimeProvider clock, IOptions<JobOptions> jobs, ILogger<OperatorMetrics> log)
    {
        _store = store;
        _clock = clock;
        _log = log;
        _shards = storeOptions.Projections.AllShards().Select(shard => shard.Name.Identity).ToArray();
        // An agent long-polls or heartbeats at least this often while it runs; twice that without a call, it is gone.
        _agentConnectedWithin = 2 * (jobs.Value.Lease > jobs.Value.MaxLongPoll ? jobs.Value.Lease : jobs.Value.MaxLongPoll);
        Meter = meters.Create(MeterName);
        Meter.CreateObservableGauge("photonsupport.tickets", TicketsByStatus, "{ticket}", "Tickets by status: the queue's depth");
        Meter.CreateObservableGauge("photonsupport.jobs.in_flight", () => Jobs().Select(j => j.Count), "{job}", "Recovery jobs queued or on a bench, by state");
        Meter.CreateObservableGauge("photonsupport.jobs.oldest_age", () => Jobs().Select(j => j.OldestAge), "s",
            "Seconds since the oldest job of each in-flight state was queued");
        Meter.CreateObservableGauge("photonsupport.projections.lag", ProjectionLag, "{event}", "Events an async projection or subscription has yet to process");
        Meter.CreateObservableGauge("photonsupport.mail.outgoing_backlog", OutgoingMailBacklog, "{message}", "Owners' mails waiting to be sent, retries included");
        Meter.CreateObservableGauge("photonsupport.agents", Agents, "{agent}", "Bench agents: connected (called lately) or silent");
    }

    public Meter Meter { get; }

    private IEnumerable<Measurement<long>> TicketsByStatus() => Read(
        $"select status, count(*) from {TicketStore.Schema}.mt_doc_ticket group by status",
        rows => Enum.GetNames<TicketStatus>().Select(status =>
            new Measurement<long>(rows.TryGetValue(status, out var row) ? (long)row[1] : 0, new KeyValuePair<string, object?>("status", status))));

    private sealed record InFlight(Measurement<long> Count, Measurement<double> OldestAge);

    private IEnumerable<InFlight> Jobs() => Read(
        $"""
         select j->>'state', count(*), min((j->>'queuedAt')::timestamptz)
         from {TicketStore.Schema}.mt_doc_ticket t cross join lateral jsonb_array_elements(t.data->'jobs') j
         where t.status = '{TicketStatus.InRecovery}' and j->>'state' in ('{RecoveryJobState.Queued}', '{RecoveryJobState.Claimed}')
         group by 1
         """,
        rows => new[] { RecoveryJobState.Queued, RecoveryJobState.Claimed }.Select(state =>
        {
            var tag = new KeyValuePair<string, object?>("state", state.ToString());
            if (!rows.TryGetValue(state.ToString(), out var row)) return new InFlight(new(0, tag), new(0, tag));
            var oldest = new DateTimeOffset((DateTime)row[2], TimeSpan.Zero);
            return new InFlight(new((long)row[1], tag), new(Math.Max(0, (_clock.GetUtcNow() - oldest).TotalSeconds), tag));
        }));

    /// <summary>Every async shard, those that have written no progress yet (nothing processed) among them.</summary>
    private IEnumerable<Measurement<long>> ProjectionLag()
    {
        var events = _store.Options.Events.DatabaseSchemaName;
        return Read(
            $"select name, last_seq_id from {events}.mt_event_progression union all select '', coalesce(max(seq_id), 0) from {events}.mt_events",
            rows => _shards.Select(shard => new Measurement<long>(
                Math.Max(0, (long)rows[""][1] - (rows.TryGetValue(shard, out var row) ? (long)row[1] : 0)),
                new KeyValuePair<string, object?>("projection", shard))));
    }

    private IEnumerable<Measurement<long>> OutgoingMailBacklog() => Read(
        $"select 'all', count(*) from wolverine.wolverine_incoming_envelopes where message_type = '{typeof(SendOwnerMail).ToMessageTypeName()}' and status <> 'Handled'",
        rows => rows.Values.Select(row => new Measurement<long>((long)row[1])));

    private IEnumerable<Measurement<long>> Agents()
    {
        var since = _clock.GetUtcNow() - _agentConnectedWithin;
        return Read(
            $"""
             select 'all', count(*) filter (where (data->>'lastSeenAt')::timestamptz >= '{since:O}'), count(*)
             from {TicketStore.Schema}.mt_doc_agentstatus
             """,
            rows => rows.Values.SelectMany(row => new[]
            {
                new Measurement<long>((long)row[1], new KeyValuePair<string, object?>("state", "connected")),
                new Measurement<long>((long)row[2] - (long)row[1], new KeyValuePair<string, object?>("state", "silent")),
            }));
    }

    /// <summary>
    /// Runs <paramref name="sql"/> and hands its rows, by their first column, to <paramref name="measure"/>. A database
    /// that can't answer gives no measurements for this collection, logged, rather than failing the collector's export.
    /// </summary>
    private IEnumerable<T> Read<T>(string sql, Func<IReadOnlyDictionary<string, object[]>, IEnumerable<T>> measure)
    {
        var rows = new Dictionary<string, object[]>();
        try
        {
            using var connection = _store.Storage.Database.CreateConnection();
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = new object[reader.FieldCount];
                reader.GetValues(row);
                rows[reader.GetString(0)] = row;
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            _log.LogWarning("Operator metrics could not be read: {Error}", e.Message);
            return [];
        }
        return measure(rows).ToList();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
