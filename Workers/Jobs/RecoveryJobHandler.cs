using Marten;
using Microsoft.Extensions.Options;
using PhotonSupport.Domain.Agents;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Firmware;
using PhotonSupport.Workers.Agents;
using PhotonSupport.Workers.Tickets;
using Wolverine;
using Wolverine.Marten;

namespace PhotonSupport.Workers.Jobs;

/// <summary>A job's life on its ticket's stream: claimed, watched, completed, cancelled.</summary>
public static class RecoveryJobHandler
{
    /// <summary>
    /// Appending the claim at the loaded version is what makes a job go to exactly one agent. The lease and
    /// the agent's registry entry are stored in the same commit.
    /// </summary>
    public static (ClaimResult, Events, OutgoingMessages) Handle(
        ClaimForBench bench, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket, IDocumentSession session, TimeProvider clock)
    {
        var command = bench.Claim;
        var decision = ClaimRecoveryJob.Decide(ticket, command, clock.GetUtcNow());
        if (decision.Refusal is { } refusal)
            return (new ClaimResult(command.JobId, command.ClaimId, ticket.Id, default, ticket.DeviceId, ticket.Platform, default,
                new Dictionary<string, string>(), refusal), [], []);

        var claimed = (RecoveryJobClaimed)decision.Events.Single();
        session.Store(new JobLease
        {
            Id = claimed.JobId, TicketId = ticket.Id, AgentId = claimed.AgentId, AgentName = claimed.AgentName, ClaimId = claimed.ClaimId,
            Attempt = claimed.Attempt, ExpiresAt = claimed.LeaseExpiresAt,
        });
        session.Store(AgentRegistry.Status(command.AgentId, command.AgentName, claimed.ClaimedAt, claimed.JobId, bench.Devices));
        var check = new OutgoingMessages();
        check.Schedule(new CheckRecoveryJobLease(ticket.Id, claimed.JobId, claimed.Attempt), claimed.LeaseExpiresAt);
        var job = ticket.Job(claimed.JobId)!;
        var result = new ClaimResult(job.JobId, claimed.ClaimId, ticket.Id, job.Kind, ticket.DeviceId, ticket.Platform, claimed.LeaseExpiresAt,
            JobParameters.For(ticket, job), null);
        return (result, [claimed], check);
    }

    /// <summary>
    /// The library is read for the plan's next step, which pins its firmware as it is queued; an accepted
    /// report also frees the agent in the registry, in the same commit as the events.
    /// </summary>
    public static async Task<(TicketCommandResult, Events, OutgoingMessages)> Handle(CompleteRecoveryJob command,
        [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var library = await FirmwareLibrary.OnFileAsync(session, ticket.Platform, cancellation);
        var (result, events) = TicketCommandResult.Decide(ticket, command, (t, c, now) => CompleteRecoveryJob.Decide(t, c, library, now), clock);
        if (result.Refusal is null) await AgentRegistry.FinishedAsync(session, command.AgentId, clock.GetUtcNow(), cancellation);
        return (result, events, [.. RecoveryJobOutcomeForOwner.For(ticket, events)]);
    }

    public static (TicketCommandResult, Events) Handle(CancelRecoveryJob command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket, TimeProvider clock) =>
        TicketCommandResult.Decide(ticket, command, CancelRecoveryJob.Decide, clock);

    /// <summary>
    /// Runs when a lease would have run out. A heartbeat since then moved the lease, so look again at
    /// its new end; otherwise the claim is over and the job goes back to the queue, or fails.
    /// </summary>
    public static async Task<(Events, OutgoingMessages)> Handle(
        CheckRecoveryJobLease check, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket, IDocumentSession session, TimeProvider clock,
        IOptions<JobOptions> options, CancellationToken cancellation)
    {
        var lease = await session.LoadAsync<JobLease>(check.JobId, cancellation);
        if (lease is null || lease.Attempt != check.Attempt) return ([], []);
        if (lease.ExpiresAt > clock.GetUtcNow())
        {
            var later = new OutgoingMessages();
            later.Schedule(check, lease.ExpiresAt);
            return ([], later);
        }

        var expire = new ExpireRecoveryJobLease(ticket.Id, check.JobId, check.Attempt, lease.ExpiresAt, options.Value.MaxAttempts);
        var decision = ExpireRecoveryJobLease.Decide(ticket, expire, clock.GetUtcNow());
        return ([.. decision.Events], [.. RecoveryJobOutcomeForOwner.For(ticket, decision.Events)]);
    }
}
