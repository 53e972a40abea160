using JasperFx.Events;
using Marten.Events.Projections;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Backups;

/// <summary>
/// A record per backup id, from the custody events of its ticket's stream. Inline: the upload that filed an
/// image answers with its analysis, so the record must be there when the command commits.
/// </summary>
public sealed class BackupRecordProjection : MultiStreamProjection<BackupRecord, Guid>
{
    public BackupRecordProjection()
    {
        Identity<BackupReceived>(e => e.BackupId);
        Identity<BackupAnalyzed>(e => e.BackupId);
        Identity<BackupDownloaded>(e => e.BackupId);
        Identity<BackupPurged>(e => e.BackupId);
    }

    public override BackupRecord? Evolve(BackupRecord? record, Guid id, IEvent e) => (record, e.Data) switch
    {
        (_, BackupReceived r) => new BackupRecord
        {
            Id = r.BackupId, TicketId = r.TicketId, Sha256 = r.Sha256, Size = r.Size, Source = r.Source, ReceivedBy = r.ReceivedBy,
            ReceivedAt = r.ReceivedAt, FileName = r.FileName,
        },
        ({ } known, BackupAnalyzed a) => With(known, k => k.Findings = a.Findings),
        ({ } known, BackupDownloaded d) => With(known, k => k.Downloads.Add(new BackupDownload(d.DownloadedBy, d.DownloadedAt, d.Reason))),
        ({ } known, BackupPurged p) => With(known, k => k.PurgedAt = p.PurgedAt),
        _ => record,
    };

    private static BackupRecord With(BackupRecord record, Action<BackupRecord> change)
    {
        change(record);
        return record;
    }
}
