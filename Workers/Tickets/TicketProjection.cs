using JasperFx.Events;
using Marten.Events.Aggregation;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Tickets;

/// <summary>
/// Keeps the <see cref="Ticket"/> snapshot in step with its stream, in the same transaction as the append.
/// The fold itself lives in the domain (<see cref="Ticket.Evolve"/>), so Marten and the decisions
/// can never disagree about what a stream means.
/// </summary>
public sealed class TicketProjection : SingleStreamProjection<Ticket, Guid>
{
    public override Ticket? Evolve(Ticket? snapshot, Guid id, IEvent e)
    {
        var ticket = Ticket.Evolve(snapshot, e.Data);
        ticket.Version = e.Version;
        return ticket;
    }
}
