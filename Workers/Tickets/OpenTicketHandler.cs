using Marten;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Tickets;

/// <summary>Starts a ticket stream; Wolverine commits it (and its inline snapshot) in one transaction.</summary>
public static class OpenTicketHandler
{
    public static async Task<TicketCommandResult> Handle(OpenTicket command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var ticketId = Guid.CreateVersion7();
        var reference = await TicketReferences.NextAsync(session, cancellation);
        var decision = OpenTicket.Decide(command, ticketId, reference, clock.GetUtcNow());
        session.Events.StartStream<Ticket>(ticketId, decision.Events);
        var ticket = decision.Events.Aggregate((Ticket?)null, Ticket.Evolve)!;
        return new TicketCommandResult(ticketId, reference, ticket.Status, decision.Events.Count, Refusal: null);
    }
}
