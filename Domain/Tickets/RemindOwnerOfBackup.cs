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

    /// <summary>One reminder per request: the close sends it itself when it comes due first (see <see cref="CloseWithoutResponse"/>).</summary>
    public static Decision Decide(Ticket ticket, RemindOwnerOfBackup due, TimeSpan reminderAfter, DateTimeOffset now) =>
        !ticket.IsChasingBackupRequest(due.RequestedAt) || ticket.ChaseRemindedAt is not null || now < due.DueAt(reminderAfter)
            ? Decision.Accept()
            : Decision.Accept(Sent(ticket, due.RequestedAt, now));

    internal static BackupReminderSent Sent(Ticket ticket, DateTimeOffset requestedAt, DateTimeOffset now) =>
        new(ticket.Id, requestedAt, PlatformCatalog.BackupCommands(ticket.Platform, ticket.DeviceId), Reminder, now);
}
