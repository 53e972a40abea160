using PhotonSupport.Domain.Backups;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Backups;

public sealed record BackupDownload(string By, DateTimeOffset At, string Reason);

/// <summary>
/// One backup image as the desk reads about it: where it came from, what forensics found, who took a copy,
/// whether its bytes are still held. Never the bytes or any key material.
/// </summary>
public sealed class BackupRecord
{
    public Guid Id { get; set; }
    public Guid TicketId { get; set; }
    public string Sha256 { get; set; } = "";
    public long Size { get; set; }
    public BackupSource Source { get; set; }
    public string ReceivedBy { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public string? FileName { get; set; }
    public BackupFindings? Findings { get; set; }
    public List<BackupDownload> Downloads { get; set; } = [];
    public DateTimeOffset? PurgedAt { get; set; }
}
