using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;
using PhotonSupport.Domain;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;

using PhotonSupport.BenchAgent.Particle;

namespace PhotonSupport.BenchAgent.Agent;

/// <summary>
/// Runs one claimed job: fetches what it needs, works the device while heartbeating, hands in the
/// backup image, and reports the outcome until the Api has it.
/// </summary>
public sealed class JobRunner(AgentApiClient api, AgentOptions options, AgentLog log)
{
    public async Task RunAsync(ClaimedJob job, AttachedDevice device, IDfuDeviceSource source, IBenchClock clock, CancellationToken stopping)
    {
        log.Job(job, $"claimed {job.Kind} for {job.Platform} {job.DeviceId}, lease until {job.LeaseExpiresAt:HH:mm:ss}");
        var completion = await WorkAsync(job, device, source, clock, stopping);
        await ReportAsync(job, completion, stopping);
    }

    private async Task<JobCompletion> WorkAsync(ClaimedJob job, AttachedDevice device, IDfuDeviceSource source, IBenchClock clock, CancellationToken stopping)
    {
        if (!EnumNames.TryParse<RecoveryJobKind>(job.Kind, out var kind))
            return Failed(job, $"this agent does not know job kind '{job.Kind}'");

        using var cancelled = new CancellationTokenSource();
        var progress = new LatestProgress();
        using var heartbeats = new CancellationTokenSource();
        var beating = HeartbeatAsync(job, progress, cancelled, heartbeats.Token);
        try
        {
            var inputs = await InputsAsync(job, kind, device.Platform, stopping);
            // USB work blocks; it runs on its own thread and stops, when support cancels, only at a safe point: never between erasing a sector and writing it back.
            var outcome = await Task.Run(() =>
            {
                using var transport = source.Open(device.Usb);
                using var session = new DfuSession(transport, clock, job.DeviceId);
                return RecoveryOperations.Run(session, kind, device.Platform, inputs, progress, cancelled.Token);
            }, CancellationToken.None);

            if (outcome.BackupImage is { } image)
            {
                log.Job(job, $"uploading a {image.Length:N0}-byte backup");
                await api.UploadBackupAsync(job.JobId, image, stopping);
            }
            log.Job(job, $"succeeded: {outcome.Details}");
            return new JobCompletion("succeeded", outcome.Details, outcome.PublicKeyPem is null ? null : new JobCompletionResult(outcome.PublicKeyPem));
        }
        catch (OperationCanceledException) when (cancelled.IsCancellationRequested)
        {
            return Failed(job, "stopped: support cancelled the job");
        }
        catch (DfuException e)
        {
            return Failed(job, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever went wrong with this job is reported on it; the agent lives on for the next one.
            return Failed(job, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            await heartbeats.CancelAsync();
            await beating;
        }
    }

    private JobCompletion Failed(ClaimedJob job, string why)
    {
        log.Job(job, $"failed: {why}");
        return new JobCompletion("failed", why, null);
    }

    private async Task<JobInputs> InputsAsync(ClaimedJob job, RecoveryJobKind kind, Platform platform, CancellationToken cancellation)
    {
        var firmware = new List<byte[]>();
        if (job.Parameters.TryGetValue("firmware", out var names))
        {
            foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries))
                firmware.Add(await api.DownloadFirmwareAsync(job.Platform, name, cancellation));
        }
        var backup = kind == RecoveryJobKind.RestoreBackup ? await api.DownloadBackupAsync(job.JobId, cancellation) : null;
        return new JobInputs(firmware, backup, Cloud(job, platform));
    }

    /// <summary>The private cloud the job names, else the Particle cloud.</summary>
    private CloudServer Cloud(ClaimedJob job, Platform platform) =>
        job.Parameters.TryGetValue("serverKey", out var key) && job.Parameters.TryGetValue("serverAddress", out var address)
            ? new CloudServer(Convert.FromBase64String(key), address,
                job.Parameters.TryGetValue("serverPort", out var port) ? ushort.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : null)
            : CloudServer.Particle(platform, CloudKeys.Published);

    /// <summary>Keeps the lease while the device works; a cancelled answer stops the work at its next safe point.</summary>
    private async Task HeartbeatAsync(ClaimedJob job, LatestProgress progress, CancellationTokenSource cancelWork, CancellationToken done)
    {
        while (!done.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.HeartbeatInterval, done);
                var answer = await api.HeartbeatAsync(job.JobId, progress.Percent, progress.Message, done);
                if (answer.Cancelled) await cancelWork.CancelAsync();
            }
            catch (OperationCanceledException) when (done.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException e)
            {
                // A missed beat is not fatal: the lease outlives several intervals.
                log.Job(job, $"heartbeat not delivered: {e.Message}");
            }
        }
    }

    /// <summary>A finished job's result is retried until the Api has it; only a refusal ends the retries.</summary>
    private async Task ReportAsync(ClaimedJob job, JobCompletion completion, CancellationToken stopping)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await api.CompleteAsync(job.JobId, completion, CancellationToken.None);
                log.Job(job, $"reported {completion.Outcome}");
                return;
            }
            catch (AgentApiRefusedException e)
            {
                log.Job(job, $"the Api refused the report: {e.Message}");
                return;
            }
            catch (HttpRequestException e)
            {
                log.Job(job, $"report not delivered ({e.Message}); retrying in {backoff.TotalSeconds:0}s");
                await Task.Delay(backoff, CancellationToken.None);
                backoff = Backoff.Next(backoff, options.MaxBackoff);
            }
        }
    }
}
