using PhotonSupport.Domain.Tickets;
using Wolverine;
using Wolverine.Marten;

namespace PhotonSupport.Workers.Waiting;

/// <summary>
/// A due reminder or close, decided on the ticket under its exclusive lock like a command. One that arrives before
/// its time (the setting was lengthened and the host restarted since it was scheduled) is scheduled again for then.
/// </summary>
public static class BackupChaseHandler
{
    public static (Events, OutgoingMessages) Handle(RemindOwnerOfBackup due, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket,
        WaitingOptions options, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var decision = RemindOwnerOfBackup.Decide(ticket, due, options.BackupReminderAfter, now);
        return (Events(decision), Later(ticket, due, due.RequestedAt, due.DueAt(options.BackupReminderAfter), now));
    }

    public static (Events, OutgoingMessages) Handle(CloseWithoutResponse due, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket,
        WaitingOptions options, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var decision = CloseWithoutResponse.Decide(ticket, due, options.BackupReminderAfter, options.CloseWithoutResponseAfter, now);
        // A close that sent the reminder itself waits again, from that reminder.
        var remindedAt = decision.Events.OfType<BackupReminderSent>().Select(r => (DateTimeOffset?)r.SentAt).FirstOrDefault() ?? ticket.ChaseRemindedAt;
        return (Events(decision), Later(ticket, due, due.RequestedAt,
            due.DueAt(remindedAt, options.BackupReminderAfter, options.CloseWithoutResponseAfter), now));
    }

    private static Events Events(Decision decision) => [.. decision.Events];

    private static OutgoingMessages Later(Ticket ticket, object due, DateTimeOffset requestedAt, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var later = new OutgoingMessages();
        if (ticket.IsChasingBackupRequest(requestedAt) && now < dueAt) later.Schedule(due, dueAt);
        return later;
    }
}
