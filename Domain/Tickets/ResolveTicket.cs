using FluentValidation;

namespace PhotonSupport.Domain.Tickets;

/// <summary>Close the case; not while a bench is still working on the device.</summary>
public sealed record ResolveTicket(Guid TicketId, string Resolution, long? ExpectedVersion, string Actor) : ITicketCommand
{
    public static Decision Decide(Ticket ticket, ResolveTicket command, DateTimeOffset now)
    {
        if (TicketGuards.RefuseIfResolved(ticket, "resolve it again") is { } resolved) return resolved;
        if (ticket.HasJobsInFlight)
            return Decision.Refuse(TicketRules.JobsInFlight, "Jobs are still in flight",
                $"{ticket.Reference} has {ticket.Jobs.Count(j => j.InFlight)} job(s) queued or running; " +
                "let them finish or cancel them first.");
        return Decision.Accept(new TicketResolved(ticket.Id, command.Resolution, command.Actor, now));
    }
}

public sealed class ResolveTicketValidator : AbstractValidator<ResolveTicket>
{
    public ResolveTicketValidator()
    {
        this.ValidatesTicketCommand();
        RuleFor(c => c.Resolution).RequiredText();
    }
}
