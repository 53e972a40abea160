using PhotonSupport.BenchAgent.Agent;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Web.Tests;

/// <summary>
/// A bench: the real agent daemon in this process, against the real Api, with one simulated healthy Photon in virtual time.
/// The backup images it reads wait at the upload until the test lets them through, so the job stays running (its
/// heartbeats carrying the read's progress) for as long as the test looks at it.
/// </summary>
public sealed class SimulatedBench : IAsyncDisposable
{
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(60);

    private readonly TaskCompletionSource _uploads = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _log = new();
    private readonly Task<DaemonEnd> _running;

    public SimulatedBench(SupportApi api, string deviceId)
    {
        var devices = new SimulatedDeviceSource(new VirtualClock());
        devices.Add($"photon:{deviceId}:healthy");
        var options = new AgentOptions
        {
            Api = api.Address, Token = api.TokenOf(Roles.Agent), LongPoll = TimeSpan.FromSeconds(10),
            HeartbeatInterval = TimeSpan.FromMilliseconds(200), MinBackoff = TimeSpan.FromMilliseconds(50),
            MaxBackoff = TimeSpan.FromMilliseconds(500), NoDevicePause = TimeSpan.FromMilliseconds(50),
            // An upload held by the test is one long try, not a timeout to retry.
            RequestTimeout = TimeSpan.FromMinutes(5),
        };
        var client = new AgentApiClient(options.Api, options.Token, options.LongPoll, new HeldUploads(_uploads.Task));
        var daemon = new AgentDaemon(options, [devices], new VirtualClock(), client, new AgentLog(_log, TimeProvider.System), TimeProvider.System);
        _running = Task.Run(async () =>
        {
            using (client) return await daemon.RunAsync(_stop.Token);
        });
    }

    /// <summary>
    /// A backup job queued through the Api and run on a bench to its end: the ticket then has a backup on file and a
    /// succeeded job, as the page will show them.
    /// </summary>
    public static async Task BackupOnTheBenchAsync(SupportApi api, Guid ticket, string deviceId)
    {
        await using var bench = new SimulatedBench(api, deviceId);
        bench.ReleaseUploads();
        await api.PostAsync(ticket, "jobs", new { kind = "Backup" });
        await api.TicketWhenAsync(ticket,
            t => t["backups"]!.AsArray().Count == 1 && t["jobs"]!.AsArray().All(j => j!["state"]!.GetValue<string>() == "Succeeded"),
            () => bench.Log);
    }

    /// <summary>Lets the backup images read so far, and any read later, reach the Api.</summary>
    public void ReleaseUploads() => _uploads.TrySetResult();

    /// <summary>What the daemon logged, for a failing test's message.</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseUploads();
        await _stop.CancelAsync();
        await _running.WaitAsync(Ceiling);
        _stop.Dispose();
    }

    /// <summary>Passes every request of the agent on to the Api, but a backup upload only once it is released.</summary>
    private sealed class HeldUploads(Task released) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.EndsWith("/artifacts/backup", StringComparison.Ordinal))
                await released.WaitAsync(cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
