namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// Another live node is sending this mail right now (its attempt holds the mail's lock in the
/// <see cref="MailDeliveryLedger"/>): Wolverine handed the same message to two nodes, as it does when it takes a node
/// that was slow to answer for dead. Retried like an outage, by which time that attempt has recorded its outcome.
/// </summary>
public sealed class MailBeingSentElsewhere(string messageId)
    : Exception($"Mail {messageId} is being sent by another node's attempt right now; trying again once that one has ended.");
