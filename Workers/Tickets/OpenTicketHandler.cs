using Marten;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Tickets;

/// <summary>Starts a ticket stream; Wolverine commits it (and its inline snapshot) in one transaction.</summary>
public static class OpenTicketHandler
{
    public static async Task<TicketCommandResult> Handle(OpenTicket command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        (await OpenAsync(command, session, clock, cancellation)).Result;

    /// <summary>The open as a step of a larger unit of work (a mail that opens a ticket and files its backup): the new ticket's state comes back too.</summary>
    public static async Task<(TicketCommandResult Result, Ticket? Ticket)> OpenAsync(OpenTicket command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var (earlier, reference) = await DeviceTickets.LockAndReadForOpeningAsync(session, DeviceIds.Normalize(command.DeviceId), cancellation);
        var ticketId = Guid.CreateVersion7();
        var decision = OpenTicket.Decide(command, ticketId, reference, earlier, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return (new TicketCommandResult(Guid.Empty, "", default, 0, refusal), null);

        session.Events.StartStream<Ticket>(ticketId, decision.Events);
        var ticket = decision.Events.Aggregate((Ticket?)null, Ticket.Evolve)!;
        ticket.Version = decision.Events.Count;
        return (new TicketCommandResult(ticketId, reference, ticket.Status, decision.Events.Count, Refusal: null), ticket);
    }
}
