using PhotonSupport.Domain.Tickets;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace PhotonSupport.Workers.Waiting;

/// <summary>
/// Every backup request, whoever made it, schedules its reminder and its close without response: a Marten event
/// subscription relays <see cref="BackupRequested"/> and both are stored as durable scheduled Wolverine messages in
/// the same transaction that moves the subscription past the event, so a restart neither loses nor repeats one.
/// Nothing cancels them: each carries its request's time and does nothing once the desk no longer chases that request.
/// </summary>
public static class BackupChaseTriggers
{
    public const string SubscriptionName = "BackupChase";

    public static Action<IPublishingRelay> Relay(WaitingOptions options) => relay =>
        relay.PublishEvent<BackupRequested>(async (e, bus) =>
        {
            var reminder = new RemindOwnerOfBackup(e.StreamId, e.Data.RequestedAt);
            var close = new CloseWithoutResponse(e.StreamId, e.Data.RequestedAt);
            // Due from the request, not from the relay: a subscription catching up after an outage keeps the owner's deadlines.
            await bus.ScheduleAsync(reminder, reminder.DueAt(options.BackupReminderAfter));
            await bus.ScheduleAsync(close, close.DueAt(remindedAt: null, options.BackupReminderAfter, options.CloseWithoutResponseAfter));
        });
}
