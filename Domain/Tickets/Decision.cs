namespace PhotonSupport.Domain.Tickets;

/// <summary>What a decision produced: the events to append, or why nothing may be appended.</summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<object> events, Refusal? refusal) => (Events, Refusal) = (events, refusal);

    public IReadOnlyList<object> Events { get; }

    public Refusal? Refusal { get; }

    public bool IsRefused => Refusal is not null;

    public static Decision Accept(params object[] events) => new(events, null);

    public static Decision Refuse(string type, string title, string detail, TicketRef? existingTicket = null) =>
        new([], new Refusal(type, title, detail, existingTicket));
}
