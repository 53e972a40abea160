using System.Diagnostics;
using JasperFx.Events.Projections;
using Marten;

namespace PhotonSupport.Workers.Search;

/// <summary>
/// Read your writes on an async projection: before a query reads it, wait (briefly, with a bound) until the
/// projection has processed every event committed so far, so a command answered before the request is in it.
/// The one place search and reports wait; a later, shared helper can replace it here.
/// </summary>
public static class ProjectionCatchUp
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>False when the projection was still behind after <see cref="Limit"/>: the caller reads what is there.</summary>
    public static async Task<bool> WaitAsync(IQuerySession session, string projectionName, CancellationToken cancellation)
    {
        var target = await LastCommittedSequenceAsync(session, cancellation);
        var shard = new ShardName(projectionName);
        var started = Stopwatch.GetTimestamp();
        while (await session.DocumentStore.Advanced.ProjectionProgressFor(shard, token: cancellation) < target)
        {
            if (Stopwatch.GetElapsedTime(started) > Limit) return false;
            await Task.Delay(PollEvery, cancellation);
        }
        return true;
    }

    /// <summary>
    /// The highest sequence of a committed event. Not the sequence's own value: that counts numbers taken by
    /// appends still in flight or rolled back, which may never be committed.
    /// </summary>
    private static async Task<long> LastCommittedSequenceAsync(IQuerySession session, CancellationToken cancellation)
    {
        var sequences = await session.QueryAsync<long>(
            $"select coalesce(max(seq_id), 0) from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events", cancellation);
        return sequences.Single();
    }
}
