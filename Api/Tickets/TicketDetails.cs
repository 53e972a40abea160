using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Jobs;

namespace PhotonSupport.Api.Tickets;

/// <summary>
/// A ticket as a support engineer reads it. Its own shape, mapped from the state the decisions fold, so the
/// domain can change without breaking clients; it adds what the state does not hold (what the bench reports).
/// </summary>
public sealed record TicketDetails(
    Guid Id,
    string Reference,
    string DeviceId,
    Platform Platform,
    string OwnerEmail,
    string Symptom,
    string? LedPattern,
    TicketStatus Status,
    string? Assignee,
    bool AwaitingBackup,
    DiagnosisDetails? Diagnosis,
    IReadOnlyList<BackupSummary> Backups,
    IReadOnlyList<JobDetails> Jobs,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    string? Resolution,
    DateTimeOffset? ResolvedAt,
    long Version)
{
    /// <summary>
    /// <paramref name="leases"/> are the live leases of the ticket's jobs (their latest heartbeat); none for a ticket
    /// rebuilt as it stood in the past, since a lease says how a job is doing now.
    /// </summary>
    public static TicketDetails From(Ticket ticket, IReadOnlyDictionary<Guid, JobLease> leases) => new(
        ticket.Id, ticket.Reference, ticket.DeviceId, ticket.Platform, ticket.OwnerEmail, ticket.Symptom, ticket.LedPattern,
        ticket.Status, ticket.Assignee, ticket.AwaitingBackup,
        ticket.Diagnosis is { } d ? new DiagnosisDetails(d.Cause, d.Plan, d.Basis) : null,
        ticket.Backups.Select(b => new BackupSummary(b.BackupId, b.Sha256, b.Size, b.Source, b.ReceivedAt, b.HoldsDeviceKey, b.Purged)).ToArray(),
        ticket.Jobs.Select(j => JobDetails.From(j, leases.GetValueOrDefault(j.JobId))).ToArray(),
        ticket.OpenedAt, ticket.UpdatedAt, ticket.Resolution, ticket.ResolvedAt, ticket.Version);
}

/// <summary>The probable cause, the recovery plan it gives, and what it was named from.</summary>
public sealed record DiagnosisDetails(string Cause, IReadOnlyList<RecoveryJobKind> Plan, string Basis);

/// <summary>A backup on the ticket; its forensics and custody are at <c>/api/tickets/{id}/backups</c>.</summary>
public sealed record BackupSummary(Guid BackupId, string Sha256, long Size, BackupSource Source, DateTimeOffset ReceivedAt, bool HoldsDeviceKey, bool Purged);

/// <summary>
/// A recovery job. <see cref="ProgressPercent"/> and <see cref="ProgressMessage"/> are what the bench said in its latest
/// heartbeat (of the latest claim); <see cref="LastMessage"/> is the latest word on the job: its outcome once it
/// ended, the bench's progress message while it runs. The claim's lock token is the agent's, not shown here.
/// </summary>
public sealed record JobDetails(
    Guid JobId,
    RecoveryJobKind Kind,
    RecoveryJobState State,
    DateTimeOffset QueuedAt,
    string? WaiverReason,
    string? AgentId,
    string? AgentName,
    int Attempts,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset? FinishedAt,
    string? Outcome,
    Guid? BackupId,
    IReadOnlyList<FirmwarePin>? Firmware,
    PrivateCloud? PrivateCloud,
    int? ProgressPercent,
    string? ProgressMessage,
    string? LastMessage)
{
    /// <summary>A job back in the queue after a lost lease shows no progress: the bench that reported it let go.</summary>
    public static JobDetails From(TicketJob job, JobLease? lease)
    {
        var reported = job.State == RecoveryJobState.Queued ? null : lease;
        return new(job.JobId, job.Kind, job.State, job.QueuedAt, job.WaiverReason, job.AgentId, job.AgentName, job.Attempts, job.LeaseExpiresAt,
            job.FinishedAt, job.Outcome, job.BackupId, job.Firmware, job.PrivateCloud,
            reported?.ProgressPercent, reported?.ProgressMessage, job.Outcome ?? reported?.ProgressMessage);
    }
}
