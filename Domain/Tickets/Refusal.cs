namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// A business rule said no. <see cref="Type"/> is stable and documented: clients branch on it,
/// so a rule's type never changes once published. <see cref="ExistingTicket"/> names the case the
/// caller should turn to instead, when there is one.
/// </summary>
public sealed record Refusal(string Type, string Title, string Detail, TicketRef? ExistingTicket = null);

/// <summary>A ticket as a person and a client find it: its id and its reference (PS-n).</summary>
public sealed record TicketRef(Guid Id, string Reference);

public static class TicketRules
{
    private const string Prefix = "urn:photonsupport:problem:";

    public const string BackupRequired = Prefix + "backup-required";
    public const string TicketResolved = Prefix + "ticket-resolved";
    public const string TicketNotResolved = Prefix + "ticket-not-resolved";
    public const string JobsInFlight = Prefix + "jobs-in-flight";
    public const string JobAlreadyQueued = Prefix + "job-already-queued";
    public const string JobKindNotForPlatform = Prefix + "job-kind-not-for-platform";
    public const string StaleVersion = Prefix + "stale-version";
    public const string JobNotFound = Prefix + "job-not-found";
    public const string JobNotClaimable = Prefix + "job-not-claimable";
    public const string DeviceNotAttached = Prefix + "device-not-attached";
    public const string JobNotHeld = Prefix + "job-not-held";
    public const string ClaimLost = Prefix + "claim-lost";
    public const string JobCancelled = Prefix + "job-cancelled";
    public const string JobAlreadyFinished = Prefix + "job-already-finished";
    public const string JobResultIncomplete = Prefix + "job-result-incomplete";
    public const string FirmwareNotInLibrary = Prefix + "firmware-not-in-library";
    public const string DeviceHasOpenTicket = Prefix + "device-has-open-ticket";
    public const string PlatformContradictsDevice = Prefix + "platform-contradicts-device";
    public const string DeviceBusy = Prefix + "device-busy";
    public const string BackupSizeNotAccepted = Prefix + "backup-size-not-accepted";
    public const string BackupNotFound = Prefix + "backup-not-found";
    public const string BackupNotRestorable = Prefix + "backup-not-restorable";
    public const string BackupPurged = Prefix + "backup-purged";
    public const string UploadLinkExpired = Prefix + "upload-link-expired";
    public const string UploadLinkUsed = Prefix + "upload-link-used";
}
