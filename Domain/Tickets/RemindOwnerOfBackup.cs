using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// The reminder's time came for the backup request made at <see cref="RequestedAt"/>. Scheduled when the request is
/// made; it does nothing once that request is no longer the one the desk chases (a backup or a reply came, a newer
/// request was made, the ticket was resolved or reopened), so nothing has to find and delete it.
/// </summary>
public sealed record RemindOwnerOfBackup(Guid TicketId, DateTimeOffset RequestedAt)
{
    /// <summary>Nobody decides a reminder: the clock does.</summary>
    public const string Reminder = "system";

    public DateTimeOffset DueAt(TimeSpan reminderAfter) => RequestedAt + reminderAfter;

    public static Decision Decide(Ticket ticket, RemindOwnerOfBackup due, TimeSpan reminderAfter, DateTimeOffset now) =>
        !ticket.IsChasingBackupRequest(due.RequestedAt) || now < due.DueAt(reminderAfter)
            ? Decision.Accept()
            : Decision.Accept(new BackupReminderSent(ticket.Id, due.RequestedAt,
                PlatformCatalog.BackupCommands(ticket.Platform, ticket.DeviceId), Reminder, now));
}
