using System.Security.Cryptography;
using PhotonSupport.Domain.Backups;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Domain.Tickets;

/// <summary>Who brought an image, and with what name; the ways an image arrives differ only here.</summary>
public sealed record BackupOrigin(BackupSource Source, string ReceivedBy, string? FileName = null, string? EmailMessageId = null);

/// <summary>
/// The one decision every way in shares (bench, mail, staff upload, the owner's link): an image of a size this
/// platform's backups have is filed once per ticket, analysed as it arrives, and a cause its forensics finds
/// becomes the ticket's diagnosis. Reading the image is pure work on bytes, so it belongs to the decision.
/// </summary>
public static class ReceiveBackup
{
    /// <summary>Who the analysis and a diagnosis drawn from it are by.</summary>
    public const string Forensics = "forensics";

    public static Decision Decide(Ticket ticket, Guid backupId, byte[] image, BackupOrigin origin, DateTimeOffset now)
    {
        if (TicketGuards.RefuseIfResolved(ticket, "send it a backup") is { } resolved) return resolved;
        if (SizeRefusal(ticket.Platform, image.LongLength, origin.FileName) is { } wrongSize) return wrongSize;

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(image));
        // The same image again (a resent mail, a second upload) is already on file: nothing to append.
        if (ticket.BackupWithDigest(sha256) is not null) return Decision.Accept();

        var findings = BackupForensics.Analyze(ticket.Platform, image);
        var events = new List<object>
        {
            new BackupReceived(ticket.Id, backupId, sha256, image.LongLength, origin.Source, origin.ReceivedBy, now, origin.FileName, origin.EmailMessageId),
            new BackupAnalyzed(ticket.Id, backupId, findings, Forensics, now),
        };
        if (BackupForensics.Diagnosis(findings) is { } cause)
            events.Add(new DiagnosisRecorded(ticket.Id, cause.Cause, PlanFor(ticket.Diagnosis, cause.Plan), $"forensics:{backupId}", Forensics, now));
        return Decision.Accept([.. events]);
    }

    /// <summary>
    /// A plan that already has every step the image calls for stays as it is: the image confirms it, and a bench
    /// working through it carries on. Otherwise the image's steps become the plan, after the Backup step the plans
    /// start with, so a Backup job that brought this image is followed by them.
    /// </summary>
    private static IReadOnlyList<RecoveryJobKind> PlanFor(TicketDiagnosis? current, IReadOnlyList<RecoveryJobKind> needed) =>
        current is { } diagnosis && needed.All(diagnosis.Plan.Contains)
            ? diagnosis.Plan
            : [RecoveryJobKind.Backup, .. needed.Where(k => k != RecoveryJobKind.Backup)];

    /// <summary>A whole-flash image has one of a few exact sizes (particle-facts.md); anything else is refused, naming them.</summary>
    public static Decision? SizeRefusal(Platform platform, long size, string? fileName = null)
    {
        var sizes = PlatformCatalog.BackupSizes(platform);
        return sizes.Contains(size)
            ? null
            : Decision.Refuse(TicketRules.BackupSizeNotAccepted, "Not a backup image of this platform",
                $"{fileName ?? "The image"} has {size:N0} bytes; a {platform} backup has {ExpectedSizes(platform)}.");
    }

    public static string ExpectedSizes(Platform platform) =>
        string.Join(" or ", PlatformCatalog.BackupSizes(platform).Select(s => $"{s:N0} bytes"));
}
