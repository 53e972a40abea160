using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Agents;
using Wolverine;

namespace PhotonSupport.Workers.Jobs;

/// <summary>
/// Hands queued jobs to the bench agent asking for one, for the devices it has attached, waiting
/// (bounded) for one to arrive when none is queued.
/// </summary>
public sealed class JobDispatcher(IDocumentStore store, JobSignals signals, TimeProvider clock, IOptions<JobOptions> options)
{
    public TimeSpan LongPollLimit(int requestedSeconds) =>
        TimeSpan.FromSeconds(Math.Min(requestedSeconds, options.Value.MaxLongPoll.TotalSeconds));

    public async Task<ClaimResult?> ClaimAsync(
        IMessageBus bus, string agentId, string agentName, IReadOnlyList<AttachedDevice> devices, TimeSpan wait, CancellationToken cancellation)
    {
        var deadline = clock.GetUtcNow() + wait;
        var deviceIds = devices.Select(d => d.DeviceId).ToArray();
        while (true)
        {
            var pulse = signals.NextPulse;
            foreach (var (ticketId, jobId) in await CandidatesAsync(devices, cancellation))
            {
                var claim = new ClaimRecoveryJob(ticketId, jobId, Guid.CreateVersion7(), agentId, agentName, deviceIds, options.Value.Lease);
                var claimed = await TryClaimAsync(bus, new ClaimForBench(claim, devices), cancellation);
                if (claimed is { Refusal: null }) return claimed;
            }

            var remaining = deadline - clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero) return null;
            var recheck = remaining < options.Value.RecheckInterval ? remaining : options.Value.RecheckInterval;
            await Task.WhenAny(pulse, Task.Delay(recheck, clock, cancellation));
            cancellation.ThrowIfCancellationRequested();
        }
    }

    private static async Task<ClaimResult?> TryClaimAsync(IMessageBus bus, ClaimForBench claim, CancellationToken cancellation)
    {
        try
        {
            return await bus.InvokeAsync<ClaimResult?>(claim, cancellation);
        }
        catch (ConcurrencyException)
        {
            // Other agents kept winning this ticket's append race past the retries; its job is theirs.
            return null;
        }
    }

    /// <summary>
    /// Queued jobs of tickets for these devices, oldest first; a device reported as another platform gets
    /// nothing, and neither does a device with a job on a bench already, whichever ticket it belongs to.
    /// </summary>
    private async Task<IReadOnlyList<(Guid TicketId, Guid JobId)>> CandidatesAsync(IReadOnlyList<AttachedDevice> devices, CancellationToken cancellation)
    {
        var ids = devices.Select(d => d.DeviceId).ToArray();
        await using var session = store.QuerySession();
        var tickets = await session.Query<Ticket>()
            .Where(t => t.Status == TicketStatus.InRecovery && ids.Contains(t.DeviceId))
            .ToListAsync(cancellation);
        var busy = tickets.Where(t => t.Jobs.Any(j => j.State == RecoveryJobState.Claimed)).Select(t => t.DeviceId).ToHashSet();
        return tickets
            .Where(t => !busy.Contains(t.DeviceId) && devices.Any(d => d.DeviceId == t.DeviceId && d.Platform == t.Platform))
            .SelectMany(t => t.Jobs.Where(j => j.State == RecoveryJobState.Queued).Select(j => (t.Id, j.JobId, j.QueuedAt)))
            .OrderBy(c => c.QueuedAt)
            .Select(c => (c.Id, c.JobId))
            .ToArray();
    }
}
