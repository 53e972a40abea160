using System.Globalization;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// Answers an owner's mail that did something on the desk: opened a ticket (template report-acknowledgement)
/// or brought a backup (template backup-acknowledgement). Both reply to that mail, so they thread under it.
/// </summary>
public static class AcknowledgementMail
{
    public static OwnerMailDraft For(Ticket ticket, DeviceReported reported) =>
        OwnerMailDraft.About(ticket, OwnerMailKind.Acknowledgement, "report-acknowledgement", new() { ["symptom"] = reported.Symptom },
            reported.EmailMessageId);

    public static OwnerMailDraft For(Ticket ticket, BackupReceived received) =>
        OwnerMailDraft.About(ticket, OwnerMailKind.Acknowledgement, "backup-acknowledgement", new()
        {
            ["fileName"] = received.FileName ?? "your backup",
            ["size"] = received.Size.ToString("N0", CultureInfo.InvariantCulture),
            ["sha256"] = received.Sha256,
        }, received.EmailMessageId);
}
