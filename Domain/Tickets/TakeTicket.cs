using FluentValidation;

namespace PhotonSupport.Domain.Tickets;

/// <summary>The caller takes the case: an assignment to themselves, under the same rules.</summary>
public sealed record TakeTicket(Guid TicketId, long? ExpectedVersion, string Actor) : ITicketCommand
{
    public static Decision Decide(Ticket ticket, TakeTicket command, DateTimeOffset now) =>
        AssignTicket.Assign(ticket, command.Actor, command.Actor, now);
}

public sealed class TakeTicketValidator : AbstractValidator<TakeTicket>
{
    public TakeTicketValidator() => this.ValidatesTicketCommand();
}
