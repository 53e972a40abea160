using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Jobs;
using Wolverine;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// Composes the owner's mail for something that happened, records it on the ticket (<see cref="OwnerNotified"/>)
/// and hands it to the outbound queue, all in one commit: the mail is sent only if the record stands, and the
/// record never names a mail that was not queued.
/// </summary>
public static class OwnerMailHandler
{
    public static async Task<OutgoingMessages> Handle(OwnerMailDue due, IDocumentSession session, IOptions<OutboundMailOptions> options,
        TimeProvider clock, ILogger<OwnerMailDue> log, CancellationToken cancellation)
    {
        var happened = await session.Events.LoadAsync(due.EventId, cancellation);
        var ticket = await session.LoadAsync<Ticket>(due.TicketId, cancellation);
        if (happened is null || ticket is null)
        {
            // Only a store wiped after the event was relayed gets here; there is nobody left to write to.
            log.LogWarning("No mail for event {EventId} of ticket {TicketId}: the event or the ticket is gone", due.EventId, due.TicketId);
            return [];
        }

        var draft = happened.Data switch
        {
            BackupRequested requested => BackupRequestMail.For(ticket, requested),
            TicketResolved resolved => ResolvedMail.For(ticket, resolved),
            DeviceReported reported => AcknowledgementMail.For(ticket, reported),
            BackupReceived received => AcknowledgementMail.For(ticket, received),
            var other => throw new InvalidOperationException($"{other.GetType().Name} owes the owner no mail; OwnerMailTriggers relays only those that do."),
        };
        return await PostAsync(session, draft, happened.Id, options.Value, clock, cancellation);
    }

    /// <summary>A job ends once, so the job's id is what makes its status mail's Message-ID.</summary>
    public static Task<OutgoingMessages> Handle(RecoveryJobOutcomeForOwner outcome, IDocumentSession session, IOptions<OutboundMailOptions> options,
        TimeProvider clock, CancellationToken cancellation) =>
        PostAsync(session, StatusUpdateMail.For(outcome), outcome.JobId, options.Value, clock, cancellation);

    private static async Task<OutgoingMessages> PostAsync(
        IDocumentSession session, OwnerMailDraft draft, Guid cause, OutboundMailOptions options, TimeProvider clock, CancellationToken cancellation)
    {
        var mail = OwnerMailComposer.Compose(draft, cause, options, clock.GetUtcNow());
        // A trigger delivered twice (a node died after the commit, before the inbox marked it) finds its mail on
        // the timeline already: one mail, one OwnerNotified.
        if (await session.Events.QueryRawEventDataOnly<OwnerNotified>().AnyAsync(n => n.MessageId == mail.MessageId, cancellation))
            return [];
        session.Events.Append(mail.TicketId, mail.Notified());
        return [mail];
    }
}
