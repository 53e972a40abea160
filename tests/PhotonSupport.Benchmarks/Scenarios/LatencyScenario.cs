namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// Issue 17, point 2: <c>POST /api/tickets</c> at a fixed 200 requests/s, open loop, each request timed from the
/// moment it was scheduled (<see cref="Load.OpenAsync"/>). The baseline is the same events appended with Marten
/// in-process at the same rate: the latency the store itself gives under that load. The two take turns of 5 s
/// (<see cref="Rounds"/>).
/// </summary>
public static class LatencyScenario
{
    public const string Name = "latency";
    public const int PerSecond = 200;
    private static readonly TimeSpan Turn = TimeSpan.FromSeconds(5);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchApi api, bool quick, TextWriter log)
    {
        var rounds = quick ? 1 : 6;
        var samples = await Rounds.InTurnsAsync(rounds,
            () => Load.OpenAsync(PerSecond, Turn, c => TicketTraffic.OpenAsync(api.Staff, c)),
            () => Load.OpenAsync(PerSecond, Turn, c => ThroughputScenario.AppendWithMartenAsync(api.Store, c)));
        var http = new Measurement($"POST /api/tickets at {PerSecond}/s", "ms", samples[0]);
        var marten = new Measurement($"Marten StartStream at {PerSecond}/s", "ms", samples[1]);
        log.WriteLine($"  HTTP p50 {http.Median:0.0} ms, p99 {http.P99:0.0} ms; Marten p50 {marten.Median:0.0} ms, p99 {marten.P99:0.0} ms; " +
                      $"{http.Samples.Count} requests each");
        return [new Figure(Name, http, marten, $"open loop for {rounds * Turn.TotalSeconds:0} s each, timed from each request's scheduled send time")];
    }
}
