using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tickets;

/// <summary>A ticket as one line of the queue.</summary>
public sealed record TicketSummary(
    Guid Id, string Reference, string DeviceId, Platform Platform, string OwnerEmail, TicketStatus Status, DateTimeOffset UpdatedAt, string? Assignee)
{
    public static TicketSummary From(Ticket ticket) =>
        new(ticket.Id, ticket.Reference, ticket.DeviceId, ticket.Platform, ticket.OwnerEmail, ticket.Status, ticket.UpdatedAt, ticket.Assignee);
}
