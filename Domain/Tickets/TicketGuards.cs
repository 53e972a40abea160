namespace PhotonSupport.Domain.Tickets;

/// <summary>Refusals more than one decision shares.</summary>
public static class TicketGuards
{
    /// <summary>The sender decided on a version of the ticket that is no longer the current one.</summary>
    public static Decision? RefuseIfStale(Ticket ticket, ITicketCommand command) =>
        command.ExpectedVersion is { } expected && expected != ticket.Version
            ? Decision.Refuse(TicketRules.StaleVersion, "The ticket has changed",
                $"{ticket.Reference} is at version {ticket.Version}, not {expected}; reload it and decide again.")
            : null;

    /// <summary>A resolved ticket accepts only a reopen, notes and custody of its backups.</summary>
    public static Decision? RefuseIfResolved(Ticket ticket, string action) =>
        ticket.Status == TicketStatus.Resolved
            ? Decision.Refuse(TicketRules.TicketResolved, "The ticket is resolved",
                $"{ticket.Reference} is resolved; reopen it before you {action}.")
            : null;

    /// <summary>One case per device: a device with an unresolved ticket other than <paramref name="ticketId"/> is sent to that one.</summary>
    public static Decision? RefuseIfDeviceHasOpenTicket(string deviceId, IReadOnlyList<EarlierTicket> deviceTickets, Guid? ticketId = null) =>
        deviceTickets.FirstOrDefault(t => t.Id != ticketId && t.Status != TicketStatus.Resolved) is { } open
            ? Decision.Refuse(TicketRules.DeviceHasOpenTicket, "The device already has an open ticket",
                $"Device {deviceId} is being handled in {open.Reference} ({open.Id}), which is {open.Status}; work on that ticket, " +
                "or resolve it first.", new TicketRef(open.Id, open.Reference))
            : null;

    public static Decision JobNotFound(Ticket ticket, Guid jobId) =>
        Decision.Refuse(TicketRules.JobNotFound, "No such job", $"{ticket.Reference} has no job {jobId}.");

    /// <summary>
    /// The job exists on this ticket, <paramref name="claimId"/> is its current claim, that claim is
    /// <paramref name="agentId"/>'s, and the job was not cancelled. <paramref name="job"/> is meaningful
    /// only when no refusal comes back.
    /// </summary>
    public static Decision? RefuseUnlessHeld(Ticket ticket, Guid jobId, Guid claimId, string agentId, out TicketJob job)
    {
        if (ticket.Job(jobId) is not { } found)
        {
            job = null!;
            return JobNotFound(ticket, jobId);
        }
        job = found;
        // A lease that ran out put the job back in the queue: the old claim may not finish a newer attempt.
        if (job.ClaimId != claimId) return ClaimLost(jobId, claimId);
        if (job.AgentId != agentId)
            return Decision.Refuse(TicketRules.JobNotHeld, "The job is not yours", $"Job {jobId} is not held by agent key {agentId}.");
        if (job.State == RecoveryJobState.Cancelled)
            return Decision.Refuse(TicketRules.JobCancelled, "The job was cancelled", $"Job {jobId} was cancelled: {job.Outcome}.");
        return null;
    }

    public static Decision ClaimLost(Guid jobId, Guid claimId) =>
        Decision.Refuse(TicketRules.ClaimLost, "The claim is over",
            $"Claim {claimId} on job {jobId} is no longer current: its lease ran out and the job went back to the queue.");
}
