using System.Diagnostics;

namespace PhotonSupport.Benchmarks;

/// <summary>The two ways the scenarios drive an operation: as fast as N clients go, or at a fixed rate.</summary>
public static class Load
{
    /// <summary>
    /// <paramref name="clients"/> loops, each starting its next operation when the last one ended, for
    /// <paramref name="duration"/>: the operations completed in each whole second, as a rate per second.
    /// A failed operation ends the run: a rate of failures is no rate at all.
    /// </summary>
    public static async Task<IReadOnlyList<double>> ClosedAsync(int clients, TimeSpan duration, Func<CancellationToken, Task> operation)
    {
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var completions = new List<TimeSpan>[clients];
        var loops = Enumerable.Range(0, clients).Select(async client =>
        {
            var done = completions[client] = [];
            // Yield first so every loop starts before any of them runs its first operation.
            await Task.Yield();
            while (!stop.IsCancellationRequested)
            {
                await operation(CancellationToken.None);
                done.Add(clock.Elapsed);
            }
        });
        await Task.WhenAll(loops);
        var seconds = (int)duration.TotalSeconds;
        var perSecond = new double[seconds];
        foreach (var at in completions.SelectMany(c => c))
            if (at < TimeSpan.FromSeconds(seconds)) perSecond[(int)at.TotalSeconds]++;
        return perSecond;
    }

    /// <summary>
    /// Starts an operation every 1/<paramref name="perSecond"/> s for <paramref name="duration"/> without waiting
    /// for the ones before (open loop), and times each from the moment it was SCHEDULED to start to its end: a
    /// request sent late because the sender fell behind still counts its lateness (no coordinated omission).
    /// Latencies in milliseconds.
    /// </summary>
    public static async Task<IReadOnlyList<double>> OpenAsync(int perSecond, TimeSpan duration, Func<CancellationToken, Task> operation)
    {
        var count = (int)(perSecond * duration.TotalSeconds);
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var clock = Stopwatch.StartNew();
        var running = new Task<double>[count];
        for (var i = 0; i < count; i++)
        {
            var scheduled = interval * i;
            var wait = scheduled - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            running[i] = TimeFromAsync(scheduled);
        }
        return await Task.WhenAll(running);

        async Task<double> TimeFromAsync(TimeSpan scheduled)
        {
            await operation(CancellationToken.None);
            return (clock.Elapsed - scheduled).TotalMilliseconds;
        }
    }
}
