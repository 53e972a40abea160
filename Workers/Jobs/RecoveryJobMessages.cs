using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Jobs;

/// <summary>What a claim gave the agent, or why it got nothing.</summary>
public sealed record ClaimResult(
    Guid JobId, Guid TicketId, RecoveryJobKind Kind, string DeviceId, Platform Platform, DateTimeOffset LeaseExpiresAt,
    IReadOnlyDictionary<string, string> Parameters, Refusal? Refusal)
{
    public const string FirmwareParameter = "firmware";
    public const string FirmwareSha256Parameter = "firmwareSha256";
    public const string BackupParameter = "backupSha256";
    public const string ServerKeyParameter = "serverKey";
    public const string ServerAddressParameter = "serverAddress";
    public const string ServerPortParameter = "serverPort";

    /// <summary>
    /// What the agent must fetch for the job: library binaries by name with the SHA-256 each had when the
    /// job was queued (same order), the backup to restore.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParametersFor(Ticket ticket, TicketJob job)
    {
        var parameters = new Dictionary<string, string>();
        var firmware = job.Kind.FirmwareFor(ticket.Platform);
        if (firmware.Count > 0) parameters[FirmwareParameter] = string.Join(",", firmware);
        // Jobs queued before firmware was pinned carry no pins.
        if (job.Firmware is { Count: > 0 } pins) parameters[FirmwareSha256Parameter] = string.Join(",", pins.Select(p => p.Sha256));
        if (job.Kind == RecoveryJobKind.RestoreBackup && ticket.Backups.Count > 0) parameters[BackupParameter] = ticket.Backups[^1].Sha256;
        if (job.PrivateCloud is { } cloud)
        {
            parameters[ServerKeyParameter] = Convert.ToBase64String(cloud.ServerKey);
            parameters[ServerAddressParameter] = cloud.Address;
            if (cloud.Port is { } port) parameters[ServerPortParameter] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return parameters;
    }
}

/// <summary>Scheduled for the moment a lease would run out; finds out whether heartbeats kept it alive.</summary>
public sealed record CheckRecoveryJobLease(Guid TicketId, Guid JobId, int Attempt);

/// <summary>
/// A job ended in a way the owner should hear about. Sent through the durable outbox once the
/// events are committed; the mail workers turn it into an email.
/// </summary>
public sealed record RecoveryJobOutcomeForOwner(
    Guid TicketId, string Reference, string OwnerEmail, string DeviceId, Guid JobId, RecoveryJobKind Kind, JobOutcome Outcome, string? Details)
{
    public static IEnumerable<RecoveryJobOutcomeForOwner> For(Ticket ticket, IEnumerable<object> events) =>
        events.Select(e => e switch
        {
            RecoveryJobSucceeded s => From(ticket, s.JobId, s.Kind, JobOutcome.Succeeded, s.Details),
            RecoveryJobFailed f => From(ticket, f.JobId, f.Kind, JobOutcome.Failed, f.Reason),
            RecoveryJobLeaseExpired { Requeued: false } x => From(ticket, x.JobId, x.Kind, JobOutcome.Failed, "the bench lost contact with the job"),
            _ => null,
        }).OfType<RecoveryJobOutcomeForOwner>();

    private static RecoveryJobOutcomeForOwner From(Ticket ticket, Guid jobId, RecoveryJobKind kind, JobOutcome outcome, string? details) =>
        new(ticket.Id, ticket.Reference, ticket.OwnerEmail, ticket.DeviceId, jobId, kind, outcome, details);
}
