namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// Issue 17, point 2: <c>POST /api/tickets</c> at a fixed 200 requests/s, open loop, each request timed from the
/// moment it was scheduled (<see cref="Load.OpenAsync"/>). The baseline is the same events appended with Marten
/// in-process at the same rate: the latency the store itself gives under that load.
/// </summary>
public static class LatencyScenario
{
    public const string Name = "latency";
    public const int PerSecond = 200;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchApi api, bool quick, TextWriter log)
    {
        var warmUp = TimeSpan.FromSeconds(quick ? 1 : 3);
        var duration = TimeSpan.FromSeconds(quick ? 5 : 30);
        var http = await MeasureAsync($"POST /api/tickets at {PerSecond}/s", warmUp, duration, log, c => TicketTraffic.OpenAsync(api.Staff, c));
        var marten = await MeasureAsync($"Marten StartStream at {PerSecond}/s", warmUp, duration, log,
            c => ThroughputScenario.AppendWithMartenAsync(api.Store, c));
        return [new Figure(Name, http, marten, $"open loop for {duration.TotalSeconds:0} s, from each request's scheduled send time")];
    }

    private static async Task<Measurement> MeasureAsync(string name, TimeSpan warmUp, TimeSpan duration, TextWriter log,
        Func<CancellationToken, Task> operation)
    {
        await Load.OpenAsync(PerSecond, warmUp, operation);
        var measurement = new Measurement(name, "ms", await Load.OpenAsync(PerSecond, duration, operation));
        log.WriteLine($"  {name}: p50 {measurement.Median:0.0} ms, p99 {measurement.P99:0.0} ms over {measurement.Samples.Count} requests");
        return measurement;
    }
}
