using FluentValidation;

namespace PhotonSupport.Domain.Tickets;

/// <summary>Support calls a job off, queued or running; a running agent hears it on its next heartbeat.</summary>
public sealed record CancelRecoveryJob(Guid TicketId, Guid JobId, string Reason, long? ExpectedVersion, string Actor) : ITicketCommand
{
    public static Decision Decide(Ticket ticket, CancelRecoveryJob command, DateTimeOffset now)
    {
        var job = ticket.Job(command.JobId);
        if (job is null) return TicketGuards.JobNotFound(ticket, command.JobId);
        if (!job.InFlight)
            return Decision.Refuse(TicketRules.JobAlreadyFinished, "The job has already finished", $"Job {job.JobId} is {job.State}.");
        return Decision.Accept(new RecoveryJobCancelled(ticket.Id, job.JobId, job.Kind, command.Reason, command.Actor, now));
    }
}

public sealed class CancelRecoveryJobValidator : AbstractValidator<CancelRecoveryJob>
{
    public CancelRecoveryJobValidator()
    {
        this.ValidatesTicketCommand();
        RuleFor(c => c.Reason).RequiredText();
    }
}
