using System.Security.Cryptography;
using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.Domain.Devices;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;
using PhotonSupport.Domain.Agents;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.BenchAgent.Agent;

/// <summary>
/// Runs one claimed job (STYLE §3b, after the Actions runner's JobDispatcher): fetches and checks what it
/// needs, works the device while heartbeating, hands in the backup image, stops the heartbeat, and
/// reports the outcome last, until the Api has it or says the job is no longer this agent's.
/// </summary>
public sealed class JobRunner(AgentApiClient api, AgentOptions options, AgentLog log, TimeProvider time)
{
    private readonly Delivery _delivery = new(options, time, log);

    /// <summary>
    /// <paramref name="device"/> is null when the device left the bench after the claim. A stop request does
    /// not reach here: a job that started is finished and reported. Only a revoked key is thrown.
    /// </summary>
    public async Task RunAsync(ClaimedJob job, (AttachedDevice Device, IDfuDeviceSource Source)? device, IBenchClock clock)
    {
        log.Job(job, $"claimed {job.Kind} for {job.Platform} {job.DeviceId}, lease until {job.LeaseExpiresAt:HH:mm:ss}");
        var completion = device is { } attached
            ? await WorkAsync(job, attached.Device, attached.Source, clock)
            : Failed(job, $"device {job.DeviceId} is no longer attached to this bench (unplugged, or out of DFU mode)");
        await ReportAsync(job, completion);
    }

    private async Task<CompleteRequest> WorkAsync(ClaimedJob job, AttachedDevice device, IDfuDeviceSource source, IBenchClock clock)
    {
        using var stop = new WorkStop();
        var progress = new LatestProgress();
        using var heartbeats = new CancellationTokenSource();
        var beating = HeartbeatAsync(job, progress, stop, heartbeats.Token);
        try
        {
            var inputs = await InputsAsync(job, stop.Token);
            // USB work blocks; it runs on its own thread and stops, when the Api says stop, only at a safe
            // point: never between erasing a sector and writing it back.
            var outcome = await Task.Run(() =>
            {
                using var transport = source.Open(device.Usb);
                using var session = new DfuSession(transport, clock, job.DeviceId);
                return RecoveryOperations.Run(session, job.Kind, job.Platform, inputs, progress, stop.Token);
            }, CancellationToken.None);

            if (outcome.BackupImage is { } image)
            {
                // Sent even when the daemon is stopping: the image is already read, and it is the owner's only copy.
                log.Job(job, $"uploading a {image.Length:N0}-byte backup");
                if (await _delivery.SendAsync("the backup", t => api.UploadBackupAsync(job, image, t)) is { } refused)
                    return Failed(job, $"the Api refused the backup: {refused.Message}");
            }
            log.Job(job, $"succeeded: {outcome.Details}");
            return new CompleteRequest(JobOutcome.Succeeded, outcome.Details, outcome.PublicKeyPem is null ? null : new JobResult(outcome.PublicKeyPem));
        }
        catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
        {
            return Failed(job, $"stopped: {stop.Reason}");
        }
        catch (Exception e) when (e is DfuException or JobInputRejectedException)
        {
            return Failed(job, e.Message);
        }
        catch (UsbTransferException e)
        {
            return Failed(job, $"USB {e.Failure}: {e.Message}");
        }
        catch (Exception e) when (e is not AgentKeyRevokedException)
        {
            // Whatever went wrong with this job is reported on it; the agent lives on for the next one.
            return Failed(job, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            // The heartbeat ends before the report, so the report is the last word on the job.
            await heartbeats.CancelAsync();
            await beating;
        }
    }

    private CompleteRequest Failed(ClaimedJob job, string why)
    {
        log.Job(job, $"failed: {why}");
        return new CompleteRequest(JobOutcome.Failed, why, null);
    }

    /// <summary>Everything the job writes, fetched and checked against the digests the claim names before the device sees a byte.</summary>
    private async Task<JobInputs> InputsAsync(ClaimedJob job, CancellationToken cancellation)
    {
        var names = JobParameters.FirmwareNames(job.Parameters);
        var digests = JobParameters.FirmwareDigests(job.Parameters);
        if (digests.Count > 0 && digests.Count != names.Count)
            throw new JobInputRejectedException($"the job pins {digests.Count} firmware digests for {names.Count} binaries");
        var firmware = new List<byte[]>();
        for (var i = 0; i < names.Count; i++)
        {
            var binary = await api.DownloadFirmwareAsync(job, names[i], cancellation);
            if (digests.Count > 0) Check($"firmware '{names[i]}'", binary, digests[i]);
            firmware.Add(binary);
        }

        byte[]? backup = null;
        if (job.Kind == RecoveryJobKind.RestoreBackup)
        {
            backup = await api.DownloadBackupAsync(job, cancellation);
            Check("the backup to restore", backup,
                JobParameters.BackupDigest(job.Parameters) ?? throw new JobInputRejectedException("the job names no backup SHA-256 to check the image against"));
        }
        var cloud = JobParameters.Cloud(job.Parameters) is { } own
            ? new CloudServer(own.ServerKey, own.Address, own.Port is { } port ? checked((ushort)port) : null)
            : CloudServer.Particle(job.Platform, CloudKeys.Published);
        return new JobInputs(firmware, backup, cloud);
    }

    private static void Check(string what, byte[] content, string expectedSha256)
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(content));
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new JobInputRejectedException($"{what} has SHA-256 {actual}, not {expectedSha256.ToLowerInvariant()} as the job names; nothing was written");
    }

    /// <summary>
    /// Keeps the lease while the device works, and never throws. It stops the work when support cancelled,
    /// when the Api says the claim is over, or when the Api has not answered past the lease's end plus a grace.
    /// </summary>
    private async Task HeartbeatAsync(ClaimedJob job, LatestProgress progress, WorkStop stop, CancellationToken done)
    {
        var giveUpAt = job.LeaseExpiresAt + options.LeaseGrace;
        while (!done.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.HeartbeatInterval, time, done);
                var answer = await api.HeartbeatAsync(job, new HeartbeatRequest(progress.Percent, progress.Message), done);
                giveUpAt = answer.LeaseExpiresAt + options.LeaseGrace;
                if (!answer.Cancelled) continue;
                stop.Stop("support cancelled the job");
                return;
            }
            catch (OperationCanceledException) when (done.IsCancellationRequested)
            {
                return;
            }
            catch (AgentApiRefusedException e) when (e.ClaimOver)
            {
                log.Job(job, $"the Api says the job is no longer ours: {e.Message}");
                stop.Stop($"the claim is over: {e.Message}");
                return;
            }
            catch (AgentKeyRevokedException e)
            {
                stop.Stop(e.Message);
                return;
            }
            catch (Exception e)
            {
                // A missed beat is not fatal: the lease outlives several intervals.
                log.Job(job, $"heartbeat not delivered: {e.Message}");
                if (time.GetUtcNow() < giveUpAt) continue;
                stop.Stop($"abandoned: no heartbeat reached the Api before the lease ended at {giveUpAt - options.LeaseGrace:HH:mm:ss}");
                log.Job(job, $"abandoning the work: {stop.Reason}");
                return;
            }
        }
    }

    /// <summary>The report is the last thing done for a job; retried until the Api has it or refuses it for good.</summary>
    private async Task ReportAsync(ClaimedJob job, CompleteRequest completion)
    {
        var refused = await _delivery.SendAsync("the report", t => api.CompleteAsync(job, completion, t));
        log.Job(job, refused is null ? $"reported {completion.Outcome}" : $"the Api refused the report: {refused.Message}");
    }
}
