using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Domain.Tickets;

public enum TicketStatus
{
    /// <summary>Reported; nobody is waiting on the owner or a bench.</summary>
    Open,
    /// <summary>The owner was asked for a backup and none has arrived since.</summary>
    AwaitingBackup,
    /// <summary>At least one recovery job is queued or running.</summary>
    InRecovery,
    Resolved,
}

public sealed record TicketDiagnosis(string Cause, IReadOnlyList<RecoveryJobKind> Plan, string Basis);

/// <summary>
/// A backup as the decisions see it. <see cref="HoldsDeviceKey"/> is what its analysis found; a purged one's bytes are gone.
/// </summary>
public sealed record TicketBackup(Guid BackupId, string Sha256, long Size, BackupSource Source, DateTimeOffset ReceivedAt,
    bool HoldsDeviceKey = false, bool Purged = false)
{
    /// <summary>An image that can put the device's identity back: only such a one satisfies the backup-first rule.</summary>
    public bool Restorable => HoldsDeviceKey && !Purged;
}

/// <summary>
/// A support case as it stands, rebuilt from its stream and never stored as the truth.
/// <see cref="Evolve"/> is the one public fold (Marten's projection calls it too); each private When
/// returns a new state. The decisions beside each command read it. <see cref="ResolvedAt"/> is when the standing
/// resolution was made (none while open), so a purge scheduled for an earlier resolution can tell it is stale.
/// </summary>
public sealed record Ticket(
    Guid Id,
    string Reference,
    string DeviceId,
    Platform Platform,
    string OwnerEmail,
    string Symptom,
    string? LedPattern,
    TicketStatus Status,
    bool AwaitingBackup,
    TicketDiagnosis? Diagnosis,
    IReadOnlyList<TicketBackup> Backups,
    IReadOnlyList<TicketJob> Jobs,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    string? Resolution,
    DateTimeOffset? ResolvedAt = null)
{
    /// <summary>The staff member (an API key's name) who has the case; nobody while null.</summary>
    public string? Assignee { get; init; }

    /// <summary>
    /// When the backup request the desk is chasing was made: its reminder and its close without response fire only
    /// while this still names their request. A backup, any reply from the customer, a resolve or a reopen ends the chase.
    /// </summary>
    public DateTimeOffset? ChasedBackupRequestAt { get; init; }

    /// <summary>When the owner was reminded of the request the desk is chasing; null until then.</summary>
    public DateTimeOffset? ChaseRemindedAt { get; init; }

    /// <summary>The stream version this state was built from; set by the event store.</summary>
    public long Version { get; set; }

    /// <summary>A keyless image (all 0xFF, random bytes, a Core's internal flash alone) is a backup of nothing.</summary>
    public bool HasBackupOnFile => Backups.Any(b => b.Restorable);

    public TicketBackup? Backup(Guid backupId) => Backups.FirstOrDefault(b => b.BackupId == backupId);

    /// <summary>The image with this digest whose bytes are still in the vault, so the same image is filed once.</summary>
    public TicketBackup? BackupWithDigest(string sha256) => Backups.FirstOrDefault(b => b.Sha256 == sha256 && !b.Purged);

    /// <summary>What a restore writes back when nobody names an image: the newest that holds a device key.</summary>
    public TicketBackup? NewestRestorableBackup => Backups.LastOrDefault(b => b.Restorable);

    public bool HasJobsInFlight => Jobs.Any(j => j.InFlight);

    /// <summary>The desk still waits on the owner for the backup requested at <paramref name="requestedAt"/>.</summary>
    public bool IsChasingBackupRequest(DateTimeOffset requestedAt) => Status != TicketStatus.Resolved && ChasedBackupRequestAt == requestedAt;

    public TicketJob? Job(Guid jobId) => Jobs.FirstOrDefault(j => j.JobId == jobId);

    /// <summary>Folds one event into the state; the first event of a stream must be <see cref="DeviceReported"/>.</summary>
    public static Ticket Evolve(Ticket? state, object @event) => (state, @event) switch
    {
        (null, DeviceReported e) => Opened(e),
        (null, _) => throw new InvalidOperationException($"A ticket stream must open with {nameof(DeviceReported)}, not {@event.GetType().Name}."),
        (_, DiagnosisRecorded e) => state with { Diagnosis = new TicketDiagnosis(e.Cause, e.Plan, e.Basis), UpdatedAt = e.RecordedAt },
        (_, BackupRequested e) => (state with { ChasedBackupRequestAt = e.RequestedAt, ChaseRemindedAt = null }).Derived(state.Jobs, e.RequestedAt, awaitingBackup: true),
        (_, BackupReceived e) => (state with { Backups = [.. state.Backups, new TicketBackup(e.BackupId, e.Sha256, e.Size, e.Source, e.ReceivedAt)], ChasedBackupRequestAt = null })
            .Derived(state.Jobs, e.ReceivedAt, awaitingBackup: false),
        (_, BackupAnalyzed e) => state.WithBackup(e.BackupId, b => b with { HoldsDeviceKey = e.Findings.HoldsDeviceKey }, e.AnalyzedAt),
        (_, BackupPurged e) => state.WithBackup(e.BackupId, b => b with { Purged = true }, e.PurgedAt),
        (_, RecoveryJobQueued e) => state.Derived([.. state.Jobs, TicketJob.Queued(e)], e.QueuedAt),
        (_, BackupFirstRuleWaived e) => state.WithJob(e.JobId, j => j with { WaiverReason = e.Reason }, e.WaivedAt),
        (_, RecoveryJobClaimed e) => state.WithJob(e.JobId, j => j.Claimed(e), e.ClaimedAt),
        (_, RecoveryJobSucceeded e) => state.WithJob(e.JobId, j => j.Finished(RecoveryJobState.Succeeded, e.Details, e.SucceededAt), e.SucceededAt),
        (_, RecoveryJobFailed e) => state.WithJob(e.JobId, j => j.Finished(RecoveryJobState.Failed, e.Reason, e.FailedAt), e.FailedAt),
        (_, RecoveryJobLeaseExpired e) => state.WithJob(e.JobId, j => j.LeaseExpired(e), e.ExpiredAt),
        (_, RecoveryJobCancelled e) => state.WithJob(e.JobId, j => j.Finished(RecoveryJobState.Cancelled, e.Reason, e.CancelledAt), e.CancelledAt),
        // Whatever the customer wrote, a person reads it and decides the next step: the chase for the backup stops.
        (_, CustomerReplied e) => state with { ChasedBackupRequestAt = null, UpdatedAt = e.ReceivedAt },
        (_, BackupReminderSent e) => state with
        {
            ChaseRemindedAt = e.RequestedAt == state.ChasedBackupRequestAt ? e.SentAt : state.ChaseRemindedAt, UpdatedAt = e.SentAt,
        },
        (_, ITicketEvent e) when e is NoteAdded or IDeviceOutcome or OwnerNotified or BackupDownloaded => state with { UpdatedAt = e.OccurredAt },
        (_, TicketAssigned e) => state with { Assignee = e.Assignee, UpdatedAt = e.AssignedAt },
        (_, TicketUnassigned e) => state with { Assignee = null, UpdatedAt = e.UnassignedAt },
        (_, DeviceReportCorrected e) => state with { Symptom = e.Symptom ?? state.Symptom, LedPattern = e.LedPattern ?? state.LedPattern, UpdatedAt = e.CorrectedAt },
        (_, TicketResolved e) => state with
        {
            Status = TicketStatus.Resolved, Resolution = e.Resolution, ResolvedAt = e.ResolvedAt, UpdatedAt = e.ResolvedAt, ChasedBackupRequestAt = null,
        },
        (_, TicketReopened e) => (state with { Status = TicketStatus.Open, Resolution = null, ResolvedAt = null, ChasedBackupRequestAt = null })
            .Derived(state.Jobs, e.ReopenedAt),
        _ => state,
    };

    private static Ticket Opened(DeviceReported e) => new(
        e.TicketId, e.Reference, e.DeviceId, e.Platform, e.OwnerEmail, e.Symptom, e.LedPattern,
        TicketStatus.Open, AwaitingBackup: false, Diagnosis: null, Backups: [], Jobs: [], e.ReportedAt, e.ReportedAt, Resolution: null);

    private Ticket WithBackup(Guid backupId, Func<TicketBackup, TicketBackup> change, DateTimeOffset at) =>
        this with { Backups = Backups.Select(b => b.BackupId == backupId ? change(b) : b).ToArray(), UpdatedAt = at };

    private Ticket WithJob(Guid jobId, Func<TicketJob, TicketJob> change, DateTimeOffset at) =>
        Derived(Jobs.Select(j => j.JobId == jobId ? change(j) : j).ToArray(), at);

    /// <summary>The status follows from the jobs and the backup request; only a resolve or reopen sets it outright.</summary>
    private Ticket Derived(IReadOnlyList<TicketJob> jobs, DateTimeOffset at, bool? awaitingBackup = null)
    {
        var awaiting = awaitingBackup ?? AwaitingBackup;
        var status = Status == TicketStatus.Resolved ? TicketStatus.Resolved
            : jobs.Any(j => j.InFlight) ? TicketStatus.InRecovery
            : awaiting ? TicketStatus.AwaitingBackup
            : TicketStatus.Open;
        return this with { Jobs = jobs, AwaitingBackup = awaiting, Status = status, UpdatedAt = at };
    }
}
