namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// A bench agent takes a queued job for a device it has attached right now. <see cref="AgentId"/> is the
/// agent's API key id (two keys may share a name); <see cref="ClaimId"/> is the new claim's lock token.
/// A device runs one job at a time: a ticket's jobs wait while another of its jobs is on the bench, and
/// a device has one open ticket.
/// </summary>
public sealed record ClaimRecoveryJob(
    Guid TicketId, Guid JobId, Guid ClaimId, string AgentId, string AgentName, IReadOnlyList<string> AttachedDevices, TimeSpan Lease)
    : ITicketCommand
{
    long? ITicketCommand.ExpectedVersion => null;
    string ITicketCommand.Actor => AgentName;

    public static Decision Decide(Ticket ticket, ClaimRecoveryJob command, DateTimeOffset now)
    {
        var job = ticket.Job(command.JobId);
        if (job is null) return TicketGuards.JobNotFound(ticket, command.JobId);
        if (job.State != RecoveryJobState.Queued)
            return Decision.Refuse(TicketRules.JobNotClaimable, "The job is not waiting", $"Job {job.JobId} is {job.State}.");
        if (ticket.Jobs.FirstOrDefault(j => j.State == RecoveryJobState.Claimed) is { } running)
            return Decision.Refuse(TicketRules.DeviceBusy, "The device is running another job",
                $"Device {ticket.DeviceId} is running job {running.JobId} ({running.Kind}) on {running.AgentName ?? running.AgentId}; job {job.JobId} waits for it.");
        if (!command.AttachedDevices.Contains(ticket.DeviceId))
            return Decision.Refuse(TicketRules.DeviceNotAttached, "The device is not attached",
                $"Job {job.JobId} needs device {ticket.DeviceId} on the bench.");
        return Decision.Accept(new RecoveryJobClaimed(ticket.Id, job.JobId, command.ClaimId, command.AgentId, command.AgentName,
            job.Attempts + 1, now + command.Lease, now));
    }
}
