namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// The lease monitor's check on one claim. <see cref="LeaseExpiresAt"/> is the lease as the last
/// heartbeat left it; heartbeats are not events, so the ticket alone can't know it.
/// </summary>
public sealed record ExpireRecoveryJobLease(Guid TicketId, Guid JobId, int Attempt, DateTimeOffset LeaseExpiresAt, int MaxAttempts)
    : ITicketCommand
{
    long? ITicketCommand.ExpectedVersion => null;
    string ITicketCommand.Actor => "lease-monitor";

    public static Decision Decide(Ticket ticket, ExpireRecoveryJobLease command, DateTimeOffset now)
    {
        var job = ticket.Job(command.JobId);
        var stillHeld = job is { State: RecoveryJobState.Claimed, AgentId: not null } && job.Attempts == command.Attempt;
        if (!stillHeld || command.LeaseExpiresAt > now) return Decision.Accept();

        return Decision.Accept(new RecoveryJobLeaseExpired(ticket.Id, job!.JobId, job.Kind, job.AgentId!, job.Attempts,
            Requeued: job.Attempts < command.MaxAttempts, now));
    }
}
