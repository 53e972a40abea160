using PhotonSupport.Domain.Tickets;
using Wolverine.Marten;

namespace PhotonSupport.Workers.Tickets;

/// <summary>What a ticket command did: the ticket as it now stands, or the rule that refused it.</summary>
public sealed record TicketCommandResult(Guid TicketId, string Reference, TicketStatus Status, long Version, Refusal? Refusal)
{
    /// <summary>Runs a decision on a loaded ticket; a refusal appends nothing.</summary>
    public static (TicketCommandResult, Events) Decide<TCommand>(
        Ticket ticket, TCommand command, Func<Ticket, TCommand, DateTimeOffset, Decision> decide, TimeProvider clock)
        where TCommand : ITicketCommand
    {
        var decision = TicketGuards.RefuseIfStale(ticket, command) ?? decide(ticket, command, clock.GetUtcNow());
        var after = decision.Events.Aggregate(ticket, Ticket.Evolve);
        var result = new TicketCommandResult(ticket.Id, ticket.Reference, after.Status, ticket.Version + decision.Events.Count, decision.Refusal);
        return (result, [.. decision.Events]);
    }
}
