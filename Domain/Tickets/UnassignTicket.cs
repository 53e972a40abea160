using FluentValidation;

namespace PhotonSupport.Domain.Tickets;

/// <summary>Give the case back to the queue. A ticket nobody has stays as it is and nothing is appended, like a repeated assignment.</summary>
public sealed record UnassignTicket(Guid TicketId, long? ExpectedVersion, string Actor) : ITicketCommand
{
    public static Decision Decide(Ticket ticket, UnassignTicket command, DateTimeOffset now) =>
        TicketGuards.RefuseIfResolved(ticket, "unassign it")
        ?? (ticket.Assignee is { } assignee
            ? Decision.Accept(new TicketUnassigned(ticket.Id, assignee, command.Actor, now))
            : Decision.Accept());
}

public sealed class UnassignTicketValidator : AbstractValidator<UnassignTicket>
{
    public UnassignTicketValidator() => this.ValidatesTicketCommand();
}
