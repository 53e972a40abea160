using PhotonSupport.Domain.Tickets;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace PhotonSupport.Workers.Backups;

/// <summary>
/// Every resolution, whoever made it, schedules the purge of its ticket's images: a Marten event subscription
/// relays <see cref="TicketResolved"/> and the purge is stored as a durable scheduled Wolverine message in the
/// same transaction that moves the subscription past the event, so a restart neither loses nor repeats one.
/// </summary>
public static class BackupRetentionTriggers
{
    public const string SubscriptionName = "BackupRetention";

    public static Action<IPublishingRelay> Relay(RetentionOptions options) => relay =>
        // Due from the resolution, not from the relay: a subscription catching up after an outage keeps the retention time.
        relay.PublishEvent<TicketResolved>((e, bus) =>
            bus.ScheduleAsync(new PurgeResolvedBackups(e.StreamId, e.Data.ResolvedAt), e.Data.ResolvedAt + options.BackupsAfterResolved));
}
