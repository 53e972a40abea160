using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Domain.Tickets;

/// <summary>Where a job is in its life.</summary>
public enum RecoveryJobState
{
    Queued,
    Claimed,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>A recovery job as its ticket sees it.</summary>
public sealed record TicketJob(
    Guid JobId,
    RecoveryJobKind Kind,
    RecoveryJobState State,
    DateTimeOffset QueuedAt,
    string? WaiverReason,
    string? AgentId,
    int Attempts,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset? FinishedAt,
    string? Outcome,
    PrivateCloud? PrivateCloud = null,
    IReadOnlyList<FirmwarePin>? Firmware = null,
    Guid? ClaimId = null,
    string? AgentName = null,
    Guid? BackupId = null)
{
    public bool InFlight => State is RecoveryJobState.Queued or RecoveryJobState.Claimed;

    public static TicketJob Queued(RecoveryJobQueued e) =>
        new(e.JobId, e.Kind, RecoveryJobState.Queued, e.QueuedAt, WaiverReason: null, AgentId: null, Attempts: 0,
            LeaseExpiresAt: null, FinishedAt: null, Outcome: null, e.PrivateCloud, e.Firmware, BackupId: e.BackupId);

    public TicketJob Claimed(RecoveryJobClaimed e) =>
        this with
        {
            State = RecoveryJobState.Claimed, AgentId = e.AgentId, AgentName = e.AgentName, ClaimId = e.ClaimId, Attempts = e.Attempt,
            LeaseExpiresAt = e.LeaseExpiresAt,
        };

    public TicketJob Finished(RecoveryJobState state, string? outcome, DateTimeOffset at) =>
        this with { State = state, LeaseExpiresAt = null, FinishedAt = at, Outcome = outcome };

    public TicketJob LeaseExpired(RecoveryJobLeaseExpired e) => e.Requeued
        ? this with { State = RecoveryJobState.Queued, AgentId = null, AgentName = null, ClaimId = null, LeaseExpiresAt = null }
        : Finished(RecoveryJobState.Failed, $"lease expired after attempt {e.Attempt}", e.ExpiredAt);
}
