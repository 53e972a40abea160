using FluentValidation;

namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// A second chance: the device is back at the desk. Not while the device has another open ticket
/// (<c>deviceTickets</c> are all of its tickets, read under the device's lock): one case per device.
/// </summary>
public sealed record ReopenTicket(Guid TicketId, string Reason, long? ExpectedVersion, string Actor) : ITicketCommand
{
    public static Decision Decide(Ticket ticket, ReopenTicket command, IReadOnlyList<EarlierTicket> deviceTickets, DateTimeOffset now) =>
        ticket.Status != TicketStatus.Resolved
            ? Decision.Refuse(TicketRules.TicketNotResolved, "The ticket is not resolved", $"{ticket.Reference} is still {ticket.Status}.")
            : TicketGuards.RefuseIfDeviceHasOpenTicket(ticket.DeviceId, deviceTickets, ticket.Id)
                ?? Decision.Accept(new TicketReopened(ticket.Id, command.Reason, command.Actor, now));
}

public sealed class ReopenTicketValidator : AbstractValidator<ReopenTicket>
{
    public ReopenTicketValidator()
    {
        this.ValidatesTicketCommand();
        RuleFor(c => c.Reason).RequiredText();
    }
}
