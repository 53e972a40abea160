using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Auth;

/// <summary>
/// Counts refused API keys per client address in a fixed window, for the whole cluster, in <see cref="FailedSignInTable"/>.
/// ASP.NET Core's rate-limiting middleware decides before the endpoint runs and counts every request; this counts only
/// the failures, so a good key from a busy address is never held back by a bad one, and a request whose key verified
/// costs nothing here.
/// <para>
/// Each refusal is one upsert that returns the address's count in the shared window, so the decision is the cluster's:
/// with several Api nodes behind one proxy an address still gets <see cref="FailedSignInOptions.Limit"/> refusals per
/// window in all, not that many per node, and a restarted node does not forget them. Once the count reaches the limit
/// the node also remembers the lockout until the window ends and refuses that address without asking the database
/// again. Another node learns of it from the database the first time the address fails there: that one attempt costs
/// it a write but is already answered 429, so at most one extra write per node, never an extra 401.
/// </para>
/// <para>
/// When PostgreSQL cannot record a refusal, the request still gets its 401 and the node counts that address in its own
/// memory instead, as a single node always did: during an outage the limit holds per node (N × Limit for N nodes).
/// </para>
/// </summary>
public sealed class FailedSignIns : IDisposable
{
    // The database's clock starts and ends every window, so nodes whose clocks differ still share one window.
    private static readonly string Record =
        $"""
        insert into {FailedSignInTable.Name} as counted (address, window_started, failures) values (@address, now(), 1)
        on conflict (address) do update set
            window_started = case when counted.window_started + @window > now() then counted.window_started else now() end,
            failures = case when counted.window_started + @window > now() then counted.failures + 1 else 1 end
        returning failures, window_started + @window - now()
        """;

    // Rows of ended windows mean nothing; SKIP LOCKED leaves a row another node is upserting right now to that node,
    // so this never waits and never deadlocks with a refusal in flight.
    private static readonly string DeleteEnded =
        $"""
        delete from {FailedSignInTable.Name} where address in
            (select address from {FailedSignInTable.Name} where window_started + @window <= now() for update skip locked)
        """;

    private readonly IDocumentStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger<FailedSignIns> _log;
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly ConcurrentDictionary<IPAddress, DateTimeOffset> _lockedUntil = new();
    private readonly PartitionedRateLimiter<IPAddress> _whileTheDatabaseIsAway;
    private long _nextSweepTicks;

    public FailedSignIns(IOptions<FailedSignInOptions> options, IDocumentStore store, TimeProvider clock, ILogger<FailedSignIns> log)
    {
        (_store, _clock, _log) = (store, clock, log);
        var (limit, window) = (options.Value.Limit, options.Value.Window);
        (_limit, _window) = (limit, window);
        _whileTheDatabaseIsAway = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 }));
    }

    /// <summary>Counts one refused key from <paramref name="address"/>; how long it must wait when that was one too many, else null.</summary>
    public async Task<TimeSpan?> CountAsync(IPAddress? address, CancellationToken cancellation)
    {
        // One client seen over IPv4 and over IPv4-mapped IPv6 is one client.
        var client = address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address ?? IPAddress.None;
        var now = _clock.GetUtcNow();
        if (_lockedUntil.TryGetValue(client, out var until))
        {
            if (until > now) return until - now;
            _lockedUntil.TryRemove(KeyValuePair.Create(client, until));
        }

        try
        {
            var (failures, left) = await RecordAsync(client, now, cancellation);
            // Timed from the answer, so the node's lockout never ends before the shared window does.
            if (failures >= _limit) _lockedUntil[client] = _clock.GetUtcNow() + left;
            return failures > _limit ? left : null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            _log.LogWarning(e, "Could not record a refused API key from {Address} in PostgreSQL; counting it on this node alone", client);
            using var lease = _whileTheDatabaseIsAway.AttemptAcquire(client);
            if (lease.IsAcquired) return null;
            return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _window;
        }
    }

    private async Task<(int Failures, TimeSpan Left)> RecordAsync(IPAddress client, DateTimeOffset now, CancellationToken cancellation)
    {
        await using var connection = _store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var record = new NpgsqlCommand(Record, connection);
        record.Parameters.Add(new NpgsqlParameter("address", NpgsqlDbType.Inet) { Value = client });
        record.Parameters.Add(Window());
        (int, TimeSpan) counted;
        await using (var reader = await record.ExecuteReaderAsync(cancellation))
        {
            await reader.ReadAsync(cancellation);
            counted = (reader.GetInt32(0), reader.GetFieldValue<TimeSpan>(1));
        }
        // The refusal that finds the sweep due claims it, so concurrent ones do not sweep twice.
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks >= due && Interlocked.CompareExchange(ref _nextSweepTicks, (now + _window).UtcTicks, due) == due)
            await SweepAsync(connection, now, cancellation);
        return counted;
    }

    /// <summary>
    /// Housekeeping at most once a window per node, on a refusal so a quiet cluster does no work: the shared rows of
    /// ended windows, and this node's lockouts that have run out. The refusal is already counted, so a failure here
    /// is only logged.
    /// </summary>
    private async Task SweepAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellation)
    {
        foreach (var (address, until) in _lockedUntil)
            if (until <= now) _lockedUntil.TryRemove(KeyValuePair.Create(address, until));
        try
        {
            await using var delete = new NpgsqlCommand(DeleteEnded, connection);
            delete.Parameters.Add(Window());
            await delete.ExecuteNonQueryAsync(cancellation);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            _log.LogWarning(e, "Could not delete the refused API keys of ended windows; the next sweep will");
        }
    }

    private NpgsqlParameter Window() => new("window", NpgsqlDbType.Interval) { Value = _window };

    public void Dispose() => _whileTheDatabaseIsAway.Dispose();
}

/// <summary>The refusal of a key from an address that has sent too many refused ones: answered 429, not 401.</summary>
public sealed class TooManyFailedSignIns(TimeSpan retryAfter)
    : Exception($"Too many refused API keys from this address; try again in {Math.Ceiling(retryAfter.TotalSeconds):0} seconds.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
