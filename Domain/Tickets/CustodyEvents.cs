using PhotonSupport.Domain.Backups;

namespace PhotonSupport.Domain.Tickets;

/// <summary>What forensics read in a backup as it arrived: where its keys are and whether they are keys. Never key material.</summary>
public sealed record BackupAnalyzed(
    Guid TicketId, Guid BackupId, BackupFindings Findings, string AnalyzedBy, DateTimeOffset AnalyzedAt) : ITicketEvent
{
    string ITicketEvent.Actor => AnalyzedBy;
    DateTimeOffset ITicketEvent.OccurredAt => AnalyzedAt;
}

/// <summary>A person took a copy of an image out of the vault, and said why: it holds the device's private key.</summary>
public sealed record BackupDownloaded(
    Guid TicketId, Guid BackupId, string Reason, string DownloadedBy, DateTimeOffset DownloadedAt) : ITicketEvent
{
    string ITicketEvent.Actor => DownloadedBy;
    DateTimeOffset ITicketEvent.OccurredAt => DownloadedAt;
}

/// <summary>An image's bytes left the vault for good; its digest, size and analysis stay in the history.</summary>
public sealed record BackupPurged(
    Guid TicketId, Guid BackupId, string Sha256, string Reason, string PurgedBy, DateTimeOffset PurgedAt) : ITicketEvent
{
    string ITicketEvent.Actor => PurgedBy;
    DateTimeOffset ITicketEvent.OccurredAt => PurgedAt;
}
