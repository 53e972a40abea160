using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Agent;

/// <summary>
/// The bench agent's loop: see which devices are attached, ask the Api for work for exactly those,
/// run it, repeat. An Api that is away is retried with backoff; a stop request lets the current job
/// finish and report before the loop ends, so no device is left half-written.
/// </summary>
public sealed class AgentDaemon(
    AgentOptions options, IReadOnlyList<IDfuDeviceSource> sources, IBenchClock clock, AgentApiClient api, AgentLog log, SimulatedDeviceSource? simulated = null)
{
    private static readonly TimeSpan NoDevicePause = TimeSpan.FromSeconds(2);

    public async Task RunAsync(CancellationToken stopping)
    {
        var runner = new JobRunner(api, options, log);
        var backoff = TimeSpan.FromSeconds(1);
        log.Info($"polling {options.Api} for work");
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var attached = AttachedDevices.List(sources);
                if (attached.Count == 0)
                {
                    await Task.Delay(NoDevicePause, stopping);
                    continue;
                }

                var job = await api.ClaimAsync(attached.Select(a => new BenchDevice(a.Device.DeviceId, a.Device.Platform.ToString())).ToArray(),
                    options.LongPoll, stopping);
                backoff = TimeSpan.FromSeconds(1);
                if (job is null) continue;

                var (device, source) = attached.First(a => a.Device.DeviceId == job.DeviceId);
                await runner.RunAsync(job, device, source, clock, stopping);
                if (simulated?.Devices.FirstOrDefault(d => d.DeviceId == job.DeviceId) is { } simulatedDevice)
                    log.Info($"simulated device {job.DeviceId} now shows {simulatedDevice.LedPattern}");
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or AgentApiRefusedException)
            {
                log.Info($"the Api is not answering ({e.Message}); trying again in {backoff.TotalSeconds:0}s");
                await Task.Delay(backoff, CancellationToken.None);
                backoff = Backoff.Next(backoff, options.MaxBackoff);
            }
        }
        log.Info("stopped");
    }
}
