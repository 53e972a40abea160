using Marten;
using Marten.Services;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Jobs;

/// <summary>Pulses <see cref="JobSignals"/> once a commit made a job claimable; never before, or a claim could miss it.</summary>
public sealed class JobQueuedListener(JobSignals signals) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (commit.GetEvents().Any(e => e.Data is RecoveryJobQueued or RecoveryJobLeaseExpired { Requeued: true })) signals.Pulse();
        return Task.CompletedTask;
    }
}
