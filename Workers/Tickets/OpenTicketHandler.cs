using Marten;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Tickets;

/// <summary>Starts a ticket stream; Wolverine commits it (and its inline snapshot) in one transaction.</summary>
public static class OpenTicketHandler
{
    public static async Task<TicketCommandResult> Handle(OpenTicket command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var deviceId = DeviceIds.Normalize(command.DeviceId);
        await DeviceLock.TakeAsync(session, deviceId, cancellation);
        var earlier = await EarlierTicketsAsync(session, deviceId, cancellation);

        var ticketId = Guid.CreateVersion7();
        var reference = await TicketReferences.NextAsync(session, cancellation);
        var decision = OpenTicket.Decide(command, ticketId, reference, earlier, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return new TicketCommandResult(Guid.Empty, "", default, 0, refusal);

        session.Events.StartStream<Ticket>(ticketId, decision.Events);
        var ticket = decision.Events.Aggregate((Ticket?)null, Ticket.Evolve)!;
        return new TicketCommandResult(ticketId, reference, ticket.Status, decision.Events.Count, Refusal: null);
    }

    /// <summary>From the snapshots' indexed device id column; only the few fields the decision reads.</summary>
    private static async Task<IReadOnlyList<EarlierTicket>> EarlierTicketsAsync(IQuerySession session, string deviceId, CancellationToken cancellation)
    {
        var tickets = await session.Query<Ticket>().Where(t => t.DeviceId == deviceId)
            .Select(t => new { t.Id, t.Reference, t.Platform, t.Status, t.OpenedAt }).ToListAsync(cancellation);
        return tickets.Select(t => new EarlierTicket(t.Id, t.Reference, t.Platform, t.Status, t.OpenedAt)).ToArray();
    }
}
