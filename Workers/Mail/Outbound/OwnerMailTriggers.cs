using JasperFx.Events;
using PhotonSupport.Domain.Tickets;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// Which events owe the owner a mail. A Marten event subscription relays them to Wolverine, so any
/// source of the event (a command, the inbound mail reader, a script appending through Marten) sends
/// the mail, and sends it once: the relayed message is stored in the same transaction that moves the
/// subscription past the event. It also keeps mail off the request path: a command commits without it.
/// Job outcomes are not here: their handler already publishes <c>RecoveryJobOutcomeForOwner</c>.
/// </summary>
public static class OwnerMailTriggers
{
    public const string SubscriptionName = "OwnerMail";

    public static void Relay(IPublishingRelay relay)
    {
        // Turning mail on over an existing store must not mail owners about every old event.
        relay.Options.SubscribeFromPresent();
        relay.PublishEvent<BackupRequested>(Due);
        relay.PublishEvent<TicketResolved>(Due);
        relay.PublishEvent<DeviceReported>((e, bus) => e.Data.EmailMessageId is null ? ValueTask.CompletedTask : Due(e, bus));
        relay.PublishEvent<BackupReceived>((e, bus) => e.Data.Source == BackupSource.Email ? Due(e, bus) : ValueTask.CompletedTask);
    }

    private static ValueTask Due<T>(IEvent<T> e, IMessageBus bus) where T : notnull => bus.PublishAsync(new OwnerMailDue(e.StreamId, e.Id));
}
