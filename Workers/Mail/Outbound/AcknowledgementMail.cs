using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// Answers an owner's mail that did something on the desk: opened a ticket (template report-acknowledgement)
/// or brought a backup (template backup-acknowledgement). Both reply to that mail, so they thread under it.
/// </summary>
public static class AcknowledgementMail
{
    public static OwnerMailDraft For(Ticket ticket, DeviceReported reported) => new(
        ticket.Id, ticket.Reference, OwnerMailKind.Acknowledgement, reported.OwnerEmail, "report-acknowledgement",
        new Dictionary<string, string>
        {
            ["platform"] = reported.Platform.ToString(),
            ["deviceId"] = reported.DeviceId,
            ["symptom"] = reported.Symptom,
        },
        reported.EmailMessageId);

    public static OwnerMailDraft For(Ticket ticket, BackupReceived received) => new(
        ticket.Id, ticket.Reference, OwnerMailKind.Acknowledgement, ticket.OwnerEmail, "backup-acknowledgement",
        new Dictionary<string, string>
        {
            ["platform"] = ticket.Platform.ToString(),
            ["deviceId"] = ticket.DeviceId,
            ["fileName"] = received.FileName ?? "your backup",
            ["size"] = received.Size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            ["sha256"] = received.Sha256,
        },
        received.EmailMessageId);
}
