namespace PhotonSupport.Domain.Tickets;

/// <summary>A staff member (an API key's name) has the case now; <see cref="AssignedBy"/> is who gave it to them, themselves on a take.</summary>
public sealed record TicketAssigned(Guid TicketId, string Assignee, string AssignedBy, DateTimeOffset AssignedAt) : ITicketEvent
{
    string ITicketEvent.Actor => AssignedBy;
    DateTimeOffset ITicketEvent.OccurredAt => AssignedAt;
}

/// <summary>Nobody has the case any more; <see cref="PreviousAssignee"/> is who had it.</summary>
public sealed record TicketUnassigned(Guid TicketId, string PreviousAssignee, string UnassignedBy, DateTimeOffset UnassignedAt) : ITicketEvent
{
    string ITicketEvent.Actor => UnassignedBy;
    DateTimeOffset ITicketEvent.OccurredAt => UnassignedAt;
}
