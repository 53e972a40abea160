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
        relay.PublishEvent<BackupRequested>((e, bus) => Due(e, bus, owed: true));
        relay.PublishEvent<BackupReminderSent>((e, bus) => Due(e, bus, owed: true));
        relay.PublishEvent<TicketResolved>((e, bus) => Due(e, bus, owed: true));
        relay.PublishEvent<DeviceReported>((e, bus) => Due(e, bus, owed: e.Data.EmailMessageId is not null));
        relay.PublishEvent<BackupReceived>((e, bus) => Due(e, bus, owed: e.Data.Source == BackupSource.Email));
    }

    private static ValueTask Due<T>(IEvent<T> e, IMessageBus bus, bool owed) where T : notnull =>
        owed ? bus.PublishAsync(new OwnerMailDue(e.StreamId, e.Id)) : ValueTask.CompletedTask;
}
