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

/// <summary>Where a job is in its life; claims, leases and outcomes arrive with the bench agents.</summary>
public enum RecoveryJobState
{
    Queued,
}

public sealed record TicketDiagnosis(string Cause, IReadOnlyList<RecoveryJobKind> Plan, string Basis);

public sealed record TicketJob(Guid JobId, RecoveryJobKind Kind, RecoveryJobState State, DateTimeOffset QueuedAt, string? WaiverReason);

public sealed record TicketBackup(string Sha256, long Size, BackupSource Source, DateTimeOffset ReceivedAt);

/// <summary>
/// A support case as it stands, rebuilt from its stream and never stored as the truth.
/// <see cref="Evolve"/> is the one public fold (Marten's projection calls it too); each private When
/// returns a new state. The decisions beside each command read it.
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
    TicketDiagnosis? Diagnosis,
    IReadOnlyList<TicketBackup> Backups,
    IReadOnlyList<TicketJob> Jobs,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    string? Resolution)
{
    /// <summary>The stream version this state was built from; set by the event store.</summary>
    public long Version { get; set; }

    public bool HasBackupOnFile => Backups.Count > 0;

    public bool HasJobsInFlight => Jobs.Any(j => j.State == RecoveryJobState.Queued);

    private static Ticket Opened(DeviceReported e) => new(
        e.TicketId, e.Reference, e.DeviceId, e.Platform, e.OwnerEmail, e.Symptom, e.LedPattern,
        TicketStatus.Open, Diagnosis: null, Backups: [], Jobs: [], e.ReportedAt, e.ReportedAt, Resolution: null);

    private Ticket When(DiagnosisRecorded e) =>
        this with { Diagnosis = new TicketDiagnosis(e.Cause, e.Plan, e.Basis), UpdatedAt = e.RecordedAt };

    private Ticket When(BackupRequested e) =>
        this with { Status = StatusWhileOpen(awaitingBackup: true, Jobs), UpdatedAt = e.RequestedAt };

    private Ticket When(BackupReceived e) => this with
    {
        Backups = [.. Backups, new TicketBackup(e.Sha256, e.Size, e.Source, e.ReceivedAt)],
        Status = Status == TicketStatus.Resolved ? Status : StatusWhileOpen(awaitingBackup: false, Jobs),
        UpdatedAt = e.ReceivedAt,
    };

    private Ticket When(RecoveryJobQueued e)
    {
        var jobs = (IReadOnlyList<TicketJob>)[.. Jobs, new TicketJob(e.JobId, e.Kind, RecoveryJobState.Queued, e.QueuedAt, WaiverReason: null)];
        return this with { Jobs = jobs, Status = StatusWhileOpen(Status == TicketStatus.AwaitingBackup, jobs), UpdatedAt = e.QueuedAt };
    }

    private Ticket When(BackupFirstRuleWaived e) => this with
    {
        Jobs = Jobs.Select(j => j.JobId == e.JobId ? j with { WaiverReason = e.Reason } : j).ToArray(),
        UpdatedAt = e.WaivedAt,
    };

    private Ticket When(NoteAdded e) => this with { UpdatedAt = e.AddedAt };

    private Ticket When(TicketResolved e) =>
        this with { Status = TicketStatus.Resolved, Resolution = e.Resolution, UpdatedAt = e.ResolvedAt };

    private Ticket When(TicketReopened e) =>
        this with { Status = StatusWhileOpen(awaitingBackup: false, Jobs), Resolution = null, UpdatedAt = e.ReopenedAt };

    /// <summary>Folds one event into the state; the first event of a stream must be <see cref="DeviceReported"/>.</summary>
    public static Ticket Evolve(Ticket? state, object @event) => (state, @event) switch
    {
        (null, DeviceReported e) => Opened(e),
        (null, _) => throw new InvalidOperationException($"A ticket stream must open with {nameof(DeviceReported)}, not {@event.GetType().Name}."),
        (_, DiagnosisRecorded e) => state.When(e),
        (_, BackupRequested e) => state.When(e),
        (_, BackupReceived e) => state.When(e),
        (_, RecoveryJobQueued e) => state.When(e),
        (_, BackupFirstRuleWaived e) => state.When(e),
        (_, NoteAdded e) => state.When(e),
        (_, TicketResolved e) => state.When(e),
        (_, TicketReopened e) => state.When(e),
        _ => state,
    };

    private static TicketStatus StatusWhileOpen(bool awaitingBackup, IReadOnlyList<TicketJob> jobs) =>
        jobs.Any(j => j.State == RecoveryJobState.Queued) ? TicketStatus.InRecovery
        : awaitingBackup ? TicketStatus.AwaitingBackup
        : TicketStatus.Open;
}
