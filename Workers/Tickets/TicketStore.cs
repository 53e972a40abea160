using JasperFx.Events.Projections;
using Marten;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Backups;
using PhotonSupport.Workers.Mail;
using PhotonSupport.Workers.Devices;
using PhotonSupport.Workers.Reports;
using PhotonSupport.Workers.Search;
using PhotonSupport.Workers.Uploads;
using Weasel.Core;

namespace PhotonSupport.Workers.Tickets;

/// <summary>How tickets live in PostgreSQL: their streams, the read models and what the list filters on.</summary>
public static class TicketStore
{
    public const string Schema = "photonsupport";

    public static void Configure(StoreOptions opts)
    {
        opts.DatabaseSchemaName = Schema;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        opts.Events.AddEventTypes(
        [
            typeof(DeviceReported), typeof(DiagnosisRecorded), typeof(BackupRequested), typeof(BackupReceived),
            typeof(BackupFirstRuleWaived), typeof(RecoveryJobQueued), typeof(NoteAdded), typeof(TicketResolved),
            typeof(TicketReopened), typeof(RecoveryJobClaimed), typeof(RecoveryJobSucceeded), typeof(RecoveryJobFailed),
            typeof(RecoveryJobLeaseExpired), typeof(RecoveryJobCancelled), typeof(ServerKeyRestored), typeof(KeysRegenerated),
            typeof(BackupRestored), typeof(TinkerFlashed), typeof(SystemFirmwareUpdated), typeof(Cc3000Patched),
            typeof(OwnerNotified), typeof(CustomerReplied), typeof(BackupAnalyzed), typeof(BackupDownloaded), typeof(BackupPurged),
            typeof(TicketAssigned), typeof(TicketUnassigned), typeof(BackupReminderSent), typeof(DeviceReportCorrected),
        ]);

        opts.Projections.Add(new TicketProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new BackupRecordProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new SentMailProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new DeviceHistoryProjection(), ProjectionLifecycle.Async);
        opts.Projections.Add(new TicketSearchProjection(), ProjectionLifecycle.Async);
        opts.Projections.Add(new TicketOutcomeProjection(), ProjectionLifecycle.Async);

        // The queue filters on these; duplicated columns give each a b-tree index the planner can use.
        // Owners type their address in any case, so its index is on the lower-cased column; the queue walks
        // (updated_at, id) backwards, so one index serves its order and its keyset cursor; PS-n finds its ticket.
        opts.Schema.For<Ticket>()
            .Duplicate(t => t.Status)
            .Duplicate(t => t.Platform)
            .Duplicate(t => t.DeviceId)
            .Duplicate(t => t.OwnerEmail, configure: i => i.Mask = "lower(?)")
            .Duplicate(t => t.UpdatedAt)
            .Duplicate(t => t.Reference, configure: i => i.IsUnique = true)
            .Duplicate(t => t.Assignee)
            .Index([t => t.UpdatedAt, t => t.Id], i => i.Name = "mt_doc_ticket_idx_queue_order");
        opts.Schema.For<DeviceHistory>().Identity(h => h.DeviceId);
        opts.Schema.For<BackupRecord>().Duplicate(b => b.TicketId);
        // Search: b-trees for exact reference and device id matches; the text's stored tsvector and its GIN index
        // are a table of their own beside the documents (TicketSearchVectors).
        opts.Schema.For<TicketSearchDocument>()
            .Duplicate(d => d.Reference)
            .Duplicate(d => d.DeviceId);
        opts.Storage.Add<TicketSearchVectors>();
        // The failure report filters on these.
        opts.Schema.For<TicketOutcome>()
            .Duplicate(o => o.ReportedAt)
            .Duplicate(o => o.Platform);
        opts.RegisterDocumentType<UploadLink>();
        opts.RegisterDocumentType<UploadLinkUse>();

        opts.Storage.ExtendedSchemaObjects.Add(TicketReferences.Sequence());
    }
}
