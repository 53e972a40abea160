using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// Delivers a composed mail once. A failure leaves the message in the durable queue, where the retry policy
/// (<see cref="Configure"/>) tries again with backoff: the same mail, the same Message-ID. The
/// <see cref="MailDeliveryLedger"/> stops a mail the server already took from going out again when its message comes
/// round a second time (a node died before its inbox marked it handled).
/// </summary>
public static class SendOwnerMailHandler
{
    private static readonly string ThisNode = $"{Environment.MachineName} pid {Environment.ProcessId}";

    /// <summary>
    /// An outage of the mail server, or of the database that holds the ledger, is waited out, as is another node's
    /// attempt at the same mail: quick tries for a blip, then scheduled ones (stored, so they survive a restart) spread
    /// over about five hours; after that the mail goes to the dead letters for a person to look at. A 5xx refusal is
    /// not retried.
    /// </summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<MailServerUnavailable>().Or<NpgsqlException>().Or<MailBeingSentElsewhere>()
            .RetryWithCooldown(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5),
                TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public static async Task Handle(SendOwnerMail mail, IOutboundMailTransport transport, MailDeliveryLedger ledger, ILogger<SendOwnerMail> log,
        CancellationToken cancellation)
    {
        await using var attempt = await ledger.BeginAsync(mail.MessageId, ThisNode, cancellation);
        if (attempt.DeliveredAt is { } delivered)
        {
            log.LogInformation("Mail {MessageId} to {To} ({Kind}) was taken by {Destination} at {DeliveredAt}: not sent again",
                mail.MessageId, mail.To, mail.Kind, transport.Destination, delivered);
            return;
        }
        if (attempt.InterruptedOn is { } node)
            log.LogWarning("Mail {MessageId} to {To} ({Kind}): the attempt on {Node} ended with that node, so the server may hold it already; " +
                           "sending it again under the same Message-ID, which mail programs show once", mail.MessageId, mail.To, mail.Kind, node);

        var taken = false;
        try
        {
            await transport.SendAsync(mail, ct =>
            {
                taken = true;
                return attempt.TakenAsync(ct);
            }, cancellation);
        }
        // A mail the server took stays marked even if recording that failed: the next attempt warns that it may repeat it.
        catch when (!taken)
        {
            await attempt.AbandonedAsync(CancellationToken.None);
            throw;
        }
    }
}
