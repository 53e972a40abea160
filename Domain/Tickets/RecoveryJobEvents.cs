using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// A bench agent with the device attached took the job and holds a lease on it until <see cref="LeaseExpiresAt"/>.
/// <see cref="AgentId"/> is its API key id, <see cref="AgentName"/> the key's name for people to read.
/// </summary>
public sealed record RecoveryJobClaimed(
    Guid TicketId, Guid JobId, Guid ClaimId, string AgentId, string AgentName, int Attempt, DateTimeOffset LeaseExpiresAt, DateTimeOffset ClaimedAt)
    : ITicketEvent
{
    string ITicketEvent.Actor => AgentName;
    DateTimeOffset ITicketEvent.OccurredAt => ClaimedAt;
}

public sealed record RecoveryJobSucceeded(
    Guid TicketId, Guid JobId, RecoveryJobKind Kind, string AgentId, string? Details, DateTimeOffset SucceededAt) : ITicketEvent
{
    string ITicketEvent.Actor => AgentId;
    DateTimeOffset ITicketEvent.OccurredAt => SucceededAt;
}

public sealed record RecoveryJobFailed(
    Guid TicketId, Guid JobId, RecoveryJobKind Kind, string AgentId, string Reason, DateTimeOffset FailedAt) : ITicketEvent
{
    string ITicketEvent.Actor => AgentId;
    DateTimeOffset ITicketEvent.OccurredAt => FailedAt;
}

/// <summary>
/// The holder stopped heartbeating. The job went back to the queue (<see cref="Requeued"/>), or,
/// after its last attempt, failed for good.
/// </summary>
public sealed record RecoveryJobLeaseExpired(
    Guid TicketId, Guid JobId, RecoveryJobKind Kind, string AgentId, int Attempt, bool Requeued, DateTimeOffset ExpiredAt) : ITicketEvent
{
    string ITicketEvent.Actor => "lease-monitor";
    DateTimeOffset ITicketEvent.OccurredAt => ExpiredAt;
}

public sealed record RecoveryJobCancelled(
    Guid TicketId, Guid JobId, RecoveryJobKind Kind, string Reason, string CancelledBy, DateTimeOffset CancelledAt) : ITicketEvent
{
    string ITicketEvent.Actor => CancelledBy;
    DateTimeOffset ITicketEvent.OccurredAt => CancelledAt;
}
