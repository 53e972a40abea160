using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using PhotonSupport.Domain.Agents;

namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// Issue 17, point 3: how long a queued Backup job takes to reach a bench agent already long-polling for its
/// device. Each sample opens a ticket for a new device, starts the agent's claim
/// (<c>POST /api/agents/claims?waitSeconds=N</c> with the agent's key), lets it settle into its wait, queues the
/// job (<c>POST /api/tickets/{id}/jobs</c>), and times from that answer to the claim's answer (0 when the claim
/// answered first). The baseline is the claim's own round trip when the job is already queued: a claim that waits
/// for nothing.
/// </summary>
public static class DispatchScenario
{
    public const string Name = "dispatch";
    private const int WaitSeconds = 10;

    /// <summary>
    /// Time for the claim to reach the endpoint and begin its wait before the job is queued; a benchmark pacing
    /// its requests, not an assertion. A claim that arrives late finds the job queued and makes the sample smaller.
    /// </summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(50);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchApi api, bool quick, TextWriter log)
    {
        var jobs = quick ? 30 : 500;
        var warmUp = quick ? 5 : 20;
        for (var i = 0; i < warmUp; i++) await WaitingClaimAsync(api);
        var dispatch = new double[jobs];
        for (var i = 0; i < jobs; i++) dispatch[i] = await WaitingClaimAsync(api);
        for (var i = 0; i < warmUp; i++) await QueuedClaimAsync(api);
        var immediate = new double[jobs];
        for (var i = 0; i < jobs; i++) immediate[i] = await QueuedClaimAsync(api);

        var figure = new Figure(Name, new Measurement("job queued → waiting agent has it", "ms", dispatch),
            new Measurement("claim of a job already queued (round trip)", "ms", immediate));
        log.WriteLine($"  dispatch: p50 {figure.Value.Median:0.0} ms, p99 {figure.Value.P99:0.0} ms over {jobs} jobs; " +
                      $"claim round trip p50 {figure.Baseline.Median:0.0} ms");
        return [figure];
    }

    private static async Task<double> WaitingClaimAsync(BenchApi api)
    {
        var (ticketId, deviceId) = await OpenAsync(api);
        var claim = ClaimAsync(api, deviceId, WaitSeconds);
        await Task.Delay(Settle);
        await QueueBackupAsync(api, ticketId);
        var answered = Stopwatch.GetTimestamp();
        var claimedAt = await claim;
        return Math.Max(0, Stopwatch.GetElapsedTime(answered, claimedAt).TotalMilliseconds);
    }

    private static async Task<double> QueuedClaimAsync(BenchApi api)
    {
        var (ticketId, deviceId) = await OpenAsync(api);
        await QueueBackupAsync(api, ticketId);
        var sent = Stopwatch.GetTimestamp();
        var claimedAt = await ClaimAsync(api, deviceId, waitSeconds: 0);
        return Stopwatch.GetElapsedTime(sent, claimedAt).TotalMilliseconds;
    }

    private static async Task<(Guid TicketId, string DeviceId)> OpenAsync(BenchApi api)
    {
        var deviceId = TicketTraffic.NewDeviceId();
        return (await TicketTraffic.OpenAsync(api.Staff, deviceId, CancellationToken.None), deviceId);
    }

    private static async Task QueueBackupAsync(BenchApi api, Guid ticketId)
    {
        using var queued = await api.Staff.PostAsJsonAsync($"/api/tickets/{ticketId}/jobs", new { kind = "Backup" });
        if (queued.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"queuing a Backup job answered {(int)queued.StatusCode}: {await queued.Content.ReadAsStringAsync()}");
    }

    /// <summary>The timestamp at which the claim answered with a job for the device.</summary>
    private static async Task<long> ClaimAsync(BenchApi api, string deviceId, int waitSeconds)
    {
        var request = new ClaimRequest([new DeviceOnBench(deviceId, TicketTraffic.Platform)]);
        using var response = await api.Agent.PostAsJsonAsync(AgentPaths.ClaimWaiting(TimeSpan.FromSeconds(waitSeconds)), request, AgentWire.Json);
        var at = Stopwatch.GetTimestamp();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"the claim for {deviceId} answered {(int)response.StatusCode}, not a job");
        return at;
    }
}
