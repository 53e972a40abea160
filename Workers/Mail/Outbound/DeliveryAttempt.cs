namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// How a mail stood in the <see cref="MailDeliveryLedger"/> when an attempt to send it began: delivered before (then
/// the attempt stops), or last attempted by a node that died before the server answered (<see cref="InterruptedOn"/>).
/// </summary>
public sealed record DeliveryAttempt(DateTimeOffset? DeliveredAt, string? InterruptedOn);
