using JasperFx.Events.Projections;
using Marten;

namespace PhotonSupport.Workers.ReadModels;

/// <summary>How far an async projection had got when a read was made: <see cref="Reached"/> of the <see cref="Target"/> sequence.</summary>
public sealed record Freshness(string Shard, long Reached, long Target)
{
    public bool Stale => Reached < Target;

    public long Behind => Math.Max(0, Target - Reached);
}

/// <summary>
/// Read-your-writes for async projections. A command's events are committed before its answer leaves, so
/// their sequence is at most the highest one committed when a later read starts; the read waits (bounded)
/// for the projection's shard to reach it, then reads what is there either way and says whether it is stale.
/// Cheaper than making the projection inline: only readers of that projection wait, and only as long as
/// the daemon is behind (usually one polling round, well under a second). Progress is read from the database, so
/// this holds whichever node runs the daemon.
/// </summary>
public sealed class ProjectionFreshness(IDocumentStore store, TimeProvider clock)
{
    /// <summary>How long a read waits at most before it answers with what the projection has.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(5);

    // The daemon's own progress is written per batch; polling faster would only load the database.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Waits until the async projection named <paramref name="projection"/> (its one shard, e.g. <c>DeviceHistory</c>)
    /// has processed every event committed before this call, or <paramref name="limit"/> (<see cref="DefaultLimit"/>
    /// when null) has passed.
    /// </summary>
    public async Task<Freshness> WaitAsync(string projection, CancellationToken cancellation, TimeSpan? limit = null)
    {
        var name = new ShardName(projection, ShardName.All, 1);
        var shard = name.Identity;
        var target = await HighestCommittedSequenceAsync(cancellation);
        var deadline = clock.GetUtcNow() + (limit ?? DefaultLimit);
        while (true)
        {
            var reached = await store.Advanced.ProjectionProgressFor(name, token: cancellation);
            var freshness = new Freshness(shard, reached, target);
            if (!freshness.Stale || clock.GetUtcNow() >= deadline) return freshness;
            await Task.Delay(PollInterval, clock, cancellation);
        }
    }

    /// <summary>
    /// The highest sequence in the events table, not the sequence's last value: numbers taken by transactions
    /// still in flight or rolled back are no one's write, and the daemon only passes them after its gap timeout.
    /// One index lookup on the primary key.
    /// </summary>
    private async Task<long> HighestCommittedSequenceAsync(CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        var highest = await session.QueryAsync<long>(
            $"select coalesce(max(seq_id), 0) from {store.Options.Events.DatabaseSchemaName}.mt_events", cancellation);
        return highest.Single();
    }
}
