using PhotonSupport.Domain.Tickets;
using Wolverine.Marten;

namespace PhotonSupport.Workers.Tickets;

/// <summary>
/// Wolverine's aggregate handler workflow: it loads the ticket (a missing one ends the call with no
/// result), we decide, it appends the events and commits them with any outbox messages.
/// Appending at the loaded version makes a concurrent command lose with a concurrency error.
/// </summary>
public static class TicketCommandHandler
{
    public static (TicketCommandResult, Events) Handle(AddNote command, [WriteAggregate] Ticket ticket, TimeProvider clock) =>
        TicketCommandResult.Decide(ticket, command, AddNote.Decide, clock);

    public static (TicketCommandResult, Events) Handle(RequestBackup command, [WriteAggregate] Ticket ticket, TimeProvider clock) =>
        TicketCommandResult.Decide(ticket, command, RequestBackup.Decide, clock);

    public static (TicketCommandResult, Events) Handle(QueueRecoveryJob command, [WriteAggregate] Ticket ticket, TimeProvider clock) =>
        TicketCommandResult.Decide(ticket, command, QueueRecoveryJob.Decide, clock);

    public static (TicketCommandResult, Events) Handle(ResolveTicket command, [WriteAggregate] Ticket ticket, TimeProvider clock) =>
        TicketCommandResult.Decide(ticket, command, ResolveTicket.Decide, clock);

    public static (TicketCommandResult, Events) Handle(ReopenTicket command, [WriteAggregate] Ticket ticket, TimeProvider clock) =>
        TicketCommandResult.Decide(ticket, command, ReopenTicket.Decide, clock);
}
