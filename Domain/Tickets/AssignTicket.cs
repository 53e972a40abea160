using FluentValidation;

namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// Give the case to a staff member, named as their API key is. Assigning it to whoever already has it appends
/// nothing and answers the ticket as it stands: a client that retries after a lost answer is not told off.
/// </summary>
public sealed record AssignTicket(Guid TicketId, string Assignee, long? ExpectedVersion, string Actor) : ITicketCommand
{
    /// <summary>Longer than any key name a desk hands out; a name is a label on a queue, not a text.</summary>
    public const int MaxAssigneeLength = 100;

    public static Decision Decide(Ticket ticket, AssignTicket command, DateTimeOffset now) =>
        Assign(ticket, command.Assignee.Trim(), command.Actor, now);

    /// <summary>Shared with <see cref="TakeTicket"/>, which assigns to the caller.</summary>
    internal static Decision Assign(Ticket ticket, string assignee, string actor, DateTimeOffset now) =>
        TicketGuards.RefuseIfResolved(ticket, "assign it")
        ?? (ticket.Assignee == assignee ? Decision.Accept() : Decision.Accept(new TicketAssigned(ticket.Id, assignee, actor, now)));
}

public sealed class AssignTicketValidator : AbstractValidator<AssignTicket>
{
    public AssignTicketValidator()
    {
        this.ValidatesTicketCommand();
        RuleFor(c => c.Assignee).Must(a => !string.IsNullOrWhiteSpace(a) && a.Trim().Length <= AssignTicket.MaxAssigneeLength)
            .WithMessage($"'assignee' must be a staff member's name (their API key's), 1 to {AssignTicket.MaxAssigneeLength} characters.");
    }
}
