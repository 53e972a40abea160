using System.Text.Json;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;
using PhotonSupport.Domain.Agents;

namespace PhotonSupport.BenchAgent.Agent;

/// <summary>
/// The bench agent's loop: see which devices are attached, ask the Api for work for exactly those,
/// run it, repeat. A bench event (a USB error, an Api that is away or answers nonsense, a device gone
/// since the claim) is logged and the loop goes on; a stop request lets the current job finish and
/// report first, so no device is left half-written. Only a revoked key ends it.
/// </summary>
public sealed class AgentDaemon(
    AgentOptions options, IReadOnlyList<IDfuDeviceSource> sources, IBenchClock clock, AgentApiClient api, AgentLog log, TimeProvider time,
    Action<ClaimedJob>? jobDone = null)
{
    /// <summary>Stopped on request, or ended because the Api no longer takes the key.</summary>
    public async Task<DaemonEnd> RunAsync(CancellationToken stopping)
    {
        var runner = new JobRunner(api, options, log, time);
        var backoff = options.MinBackoff;
        log.Info($"polling {options.Api} for work");
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var attached = Attached();
                if (attached.Count == 0)
                {
                    await Task.Delay(options.NoDevicePause, time, stopping);
                    continue;
                }

                var job = await api.ClaimAsync(attached.Select(a => new DeviceOnBench(a.Device.DeviceId, a.Device.Platform.ToString())).ToArray(),
                    options.LongPoll, stopping);
                backoff = options.MinBackoff;
                if (job is null) continue;

                // The long poll may have lasted long enough for the device to be unplugged meanwhile: look again.
                var device = Attached().Where(a => a.Device.DeviceId == job.DeviceId).Select(a => ((AttachedDevice, IDfuDeviceSource)?)a).FirstOrDefault();
                await runner.RunAsync(job, device, clock);
                jobDone?.Invoke(job);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (AgentKeyRevokedException e)
            {
                log.Info($"stopping for good: {e.Message}. Issue this bench a new agent key.");
                return DaemonEnd.KeyRevoked;
            }
            catch (Exception e)
            {
                var pause = Backoff.Jittered(backoff);
                log.Info(e switch
                {
                    HttpRequestException or OperationCanceledException => $"the Api is not answering ({e.Message})",
                    JsonException => $"the Api's answer could not be read ({e.Message})",
                    AgentApiRefusedException => $"the Api refused the claim ({e.Message})",
                    _ => $"unexpected {e.GetType().Name}: {e.Message}",
                } + $"; trying again in {pause.TotalSeconds:0.###}s");
                if (!await PauseAsync(pause, stopping)) break;
                backoff = Backoff.Next(backoff, options.MaxBackoff);
            }
        }
        log.Info("stopped");
        return DaemonEnd.Stopped;
    }

    private IReadOnlyList<(AttachedDevice Device, IDfuDeviceSource Source)> Attached() =>
        AttachedDevices.List(sources, (source, e) => log.Info($"could not list the devices on {source.GetType().Name}: {e.Message}"));

    /// <summary>False when a stop request cut the pause short.</summary>
    private async Task<bool> PauseAsync(TimeSpan pause, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(pause, time, stopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
