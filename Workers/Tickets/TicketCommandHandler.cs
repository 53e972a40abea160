using Marten;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Firmware;
using Wolverine.Marten;

namespace PhotonSupport.Workers.Tickets;

/// <summary>
/// Wolverine's aggregate handler workflow: it loads the ticket (a missing one ends the call with no
/// result), we decide, it appends the events and commits them with any outbox messages.
/// The ticket is loaded under an exclusive lock, so commands on one ticket take turns instead of
/// racing: a command decided on a version that moved on meets the stale-version rule, not a retry loop.
/// </summary>
public static class TicketCommandHandler
{
    public static (TicketCommandResult, Events) Handle(AddNote command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket, TimeProvider clock) =>
        TicketCommandResult.Decide(ticket, command, AddNote.Decide, clock);

    public static (TicketCommandResult, Events) Handle(RequestBackup command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket, TimeProvider clock) =>
        TicketCommandResult.Decide(ticket, command, RequestBackup.Decide, clock);

    public static async Task<(TicketCommandResult, Events)> Handle(QueueRecoveryJob command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket,
        IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var library = await FirmwareLibrary.OnFileAsync(session, ticket.Platform, cancellation);
        return TicketCommandResult.Decide(ticket, command, (t, c, now) => QueueRecoveryJob.Decide(t, c, library, now), clock);
    }

    public static (TicketCommandResult, Events) Handle(ResolveTicket command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket, TimeProvider clock) =>
        TicketCommandResult.Decide(ticket, command, ResolveTicket.Decide, clock);

    public static (TicketCommandResult, Events) Handle(AssignTicket command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket, TimeProvider clock) =>
        TicketCommandResult.Decide(ticket, command, AssignTicket.Decide, clock);

    public static (TicketCommandResult, Events) Handle(TakeTicket command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket, TimeProvider clock) =>
        TicketCommandResult.Decide(ticket, command, TakeTicket.Decide, clock);

    public static (TicketCommandResult, Events) Handle(UnassignTicket command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket, TimeProvider clock) =>
        TicketCommandResult.Decide(ticket, command, UnassignTicket.Decide, clock);

    /// <summary>The answer names the plan before and after, so the caller sees what the corrected LED pattern changed.</summary>
    public static (ReportCorrectionResult, Events) Handle(CorrectReport command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket, TimeProvider clock)
    {
        var (result, events) = TicketCommandResult.Decide(ticket, command, CorrectReport.Decide, clock);
        var after = events.Aggregate(ticket, Ticket.Evolve);
        return (new ReportCorrectionResult(result, ticket.Diagnosis?.Plan ?? [], after.Diagnosis?.Plan ?? []), events);
    }

    /// <summary>Under the device's lock, like an open: a reopen must not make a device's second open ticket.</summary>
    public static async Task<(TicketCommandResult, Events)> Handle(ReopenTicket command, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket,
        IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var deviceTickets = await DeviceTickets.LockAndReadAsync(session, ticket.DeviceId, cancellation);
        return TicketCommandResult.Decide(ticket, command, (t, c, now) => ReopenTicket.Decide(t, c, deviceTickets, now), clock);
    }
}
