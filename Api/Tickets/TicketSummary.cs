using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Tickets;

/// <summary>
/// A ticket as one line of the queue. <see cref="Diagnosis"/> is the probable cause, <see cref="BackupOnFile"/> whether an
/// image holding the device key is in the vault, <see cref="RunningJob"/> the kind of the job a bench holds now.
/// </summary>
public sealed record TicketSummary(
    Guid Id, string Reference, string DeviceId, Platform Platform, string OwnerEmail, TicketStatus Status, DateTimeOffset UpdatedAt, string? Assignee,
    string? Diagnosis, bool BackupOnFile, RecoveryJobKind? RunningJob)
{
    public static TicketSummary From(Ticket ticket) =>
        new(ticket.Id, ticket.Reference, ticket.DeviceId, ticket.Platform, ticket.OwnerEmail, ticket.Status, ticket.UpdatedAt, ticket.Assignee,
            ticket.Diagnosis?.Cause, ticket.HasBackupOnFile, ticket.Jobs.FirstOrDefault(j => j.State == RecoveryJobState.Claimed)?.Kind);
}
