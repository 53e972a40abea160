using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Diagnosis;
using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Domain.Tickets;

/// <summary>Every event of a ticket's stream says which ticket, who and when, so a timeline can show any of them.</summary>
public interface ITicketEvent
{
    Guid TicketId { get; }
    string Actor { get; }
    DateTimeOffset OccurredAt { get; }
}

/// <summary>
/// Opens the stream: a device came to the desk with a symptom. <see cref="EmailMessageId"/> is set when
/// the owner's mail opened the ticket.
/// </summary>
public sealed record DeviceReported(
    Guid TicketId, string Reference, string DeviceId, Platform Platform, string OwnerEmail, string Symptom,
    string? LedPattern, string ReportedBy, DateTimeOffset ReportedAt, string? EmailMessageId = null) : ITicketEvent
{
    string ITicketEvent.Actor => ReportedBy;
    DateTimeOffset ITicketEvent.OccurredAt => ReportedAt;
}

/// <summary>A probable cause and recovery plan, named from an LED pattern, a backup's forensics or a person.</summary>
public sealed record DiagnosisRecorded(
    Guid TicketId, string Cause, IReadOnlyList<RecoveryJobKind> Plan, string Basis,
    string RecordedBy, DateTimeOffset RecordedAt) : ITicketEvent
{
    string ITicketEvent.Actor => RecordedBy;
    DateTimeOffset ITicketEvent.OccurredAt => RecordedAt;

    /// <summary>What the LED diagnosis table says of <paramref name="ledPattern"/> on the platform, when a report names or corrects it.</summary>
    public static DiagnosisRecorded FromLedPattern(Guid ticketId, Platform platform, string ledPattern, DateTimeOffset now)
    {
        var diagnosis = LedDiagnosisTable.Diagnose(platform, ledPattern);
        return new DiagnosisRecorded(ticketId, diagnosis.Cause, diagnosis.Plan, $"led-pattern:{diagnosis.LedPattern}", "diagnosis-table", now);
    }
}

/// <summary>The owner was asked for a flash image, with the exact dfu-util lines to run.</summary>
public sealed record BackupRequested(
    Guid TicketId, string OwnerEmail, IReadOnlyList<string> DfuUtilCommands,
    string RequestedBy, DateTimeOffset RequestedAt) : ITicketEvent
{
    string ITicketEvent.Actor => RequestedBy;
    DateTimeOffset ITicketEvent.OccurredAt => RequestedAt;
}

public enum BackupSource
{
    Email,
    Bench,
    Staff,
    /// <summary>The owner sent it over HTTP with the single-use link of a backup request.</summary>
    UploadLink,
}

/// <summary>
/// A flash image of the device is in the vault under <see cref="BackupId"/>, stored in the same transaction.
/// <see cref="FileName"/> is the name it came with (an attachment's, an upload's); from email,
/// <see cref="EmailMessageId"/> is the mail that brought it.
/// </summary>
public sealed record BackupReceived(
    Guid TicketId, Guid BackupId, string Sha256, long Size, BackupSource Source,
    string ReceivedBy, DateTimeOffset ReceivedAt, string? FileName = null, string? EmailMessageId = null) : ITicketEvent
{
    string ITicketEvent.Actor => ReceivedBy;
    DateTimeOffset ITicketEvent.OccurredAt => ReceivedAt;
}

/// <summary>A supervisor let a destructive job run without a backup on file, and said why.</summary>
public sealed record BackupFirstRuleWaived(
    Guid TicketId, Guid JobId, RecoveryJobKind Kind, string Reason,
    string WaivedBy, DateTimeOffset WaivedAt) : ITicketEvent
{
    string ITicketEvent.Actor => WaivedBy;
    DateTimeOffset ITicketEvent.OccurredAt => WaivedAt;
}

/// <summary>
/// A DFU or key job waits for a bench agent that has the device attached. <see cref="Firmware"/> pins the
/// library binaries it writes as they were when it was queued, so a binary replaced later is refused on the bench.
/// <see cref="BackupId"/> is the image a RestoreBackup job writes back.
/// </summary>
public sealed record RecoveryJobQueued(
    Guid TicketId, Guid JobId, RecoveryJobKind Kind, string DeviceId, Platform Platform,
    string QueuedBy, DateTimeOffset QueuedAt, PrivateCloud? PrivateCloud = null, IReadOnlyList<FirmwarePin>? Firmware = null,
    Guid? BackupId = null) : ITicketEvent
{
    string ITicketEvent.Actor => QueuedBy;
    DateTimeOffset ITicketEvent.OccurredAt => QueuedAt;
}

public sealed record NoteAdded(Guid TicketId, string Text, string AddedBy, DateTimeOffset AddedAt) : ITicketEvent
{
    string ITicketEvent.Actor => AddedBy;
    DateTimeOffset ITicketEvent.OccurredAt => AddedAt;
}

public sealed record TicketResolved(Guid TicketId, string Resolution, string ResolvedBy, DateTimeOffset ResolvedAt) : ITicketEvent
{
    string ITicketEvent.Actor => ResolvedBy;
    DateTimeOffset ITicketEvent.OccurredAt => ResolvedAt;
}

public sealed record TicketReopened(Guid TicketId, string Reason, string ReopenedBy, DateTimeOffset ReopenedAt) : ITicketEvent
{
    string ITicketEvent.Actor => ReopenedBy;
    DateTimeOffset ITicketEvent.OccurredAt => ReopenedAt;
}
