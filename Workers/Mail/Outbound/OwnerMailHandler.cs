using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Jobs;
using PhotonSupport.Workers.Uploads;
using Wolverine;
using Wolverine.Marten;

namespace PhotonSupport.Workers.Mail.Outbound;

/// <summary>
/// Composes the owner's mail for something that happened, records it on the ticket (<see cref="OwnerNotified"/>)
/// and hands it to the outbound queue, all in one commit: the mail is sent only if the record stands, and the
/// record never names a mail that was not queued. The ticket is loaded under its exclusive lock, like a command's:
/// an append beside a command's would fold the ticket's snapshot from the state before that command and undo it.
/// </summary>
public static class OwnerMailHandler
{
    public static async Task<(Events, OutgoingMessages)> Handle(OwnerMailDue due, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket,
        IDocumentSession session, IOptions<OutboundMailOptions> options, UploadLinkOptions uploads, TimeProvider clock, ILogger<OwnerMailDue> log,
        CancellationToken cancellation)
    {
        var happened = await session.Events.LoadAsync(due.EventId, cancellation);
        if (happened is null)
        {
            // Only a store wiped after the event was relayed gets here; there is nothing left to write about.
            log.LogWarning("No mail for event {EventId} of ticket {TicketId}: the event is gone", due.EventId, due.TicketId);
            return ([], []);
        }

        if (BackupRequestMail.Asks(happened.Data) is { } ask)
        {
            var (link, token) = UploadLink.Issue(ticket.Id, clock.GetUtcNow(), uploads.LinkLifetime);
            var request = BackupRequestMail.For(ticket, ask, uploads.UrlFor(token), link.ExpiresAt);
            return await PostAsync(session, request, happened.Id, options.Value, clock, cancellation, link);
        }

        var draft = happened.Data switch
        {
            TicketResolved resolved => ResolvedMail.For(ticket, resolved),
            DeviceReported reported => AcknowledgementMail.For(ticket, reported),
            BackupReceived received => AcknowledgementMail.For(ticket, received),
            var other => throw new InvalidOperationException($"{other.GetType().Name} owes the owner no mail; OwnerMailTriggers relays only those that do."),
        };
        return await PostAsync(session, draft, happened.Id, options.Value, clock, cancellation);
    }

    /// <summary>
    /// A job ends once, so the job's id is what makes its status mail's Message-ID. The message carries all the mail
    /// says; the ticket is taken only for its lock.
    /// </summary>
    public static Task<(Events, OutgoingMessages)> Handle(RecoveryJobOutcomeForOwner outcome, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Ticket ticket,
        IDocumentSession session, IOptions<OutboundMailOptions> options, TimeProvider clock, CancellationToken cancellation) =>
        PostAsync(session, StatusUpdateMail.For(outcome), outcome.JobId, options.Value, clock, cancellation);

    /// <summary><paramref name="link"/> is the upload link the mail carries, kept only if this mail is the one sent.</summary>
    private static async Task<(Events, OutgoingMessages)> PostAsync(IDocumentSession session, OwnerMailDraft draft, Guid cause,
        OutboundMailOptions options, TimeProvider clock, CancellationToken cancellation, UploadLink? link = null)
    {
        var mail = OwnerMailComposer.Compose(draft, cause, options, clock.GetUtcNow());
        // A trigger delivered twice (a node died after the commit, before the inbox marked it) finds its mail on
        // the timeline already: one mail, one OwnerNotified.
        if (await session.LoadAsync<SentMail>(mail.MessageId, cancellation) is not null)
            return ([], []);
        // The link exists exactly when its mail does: a rerun's fresh token is dropped with its unsent mail,
        // and the first run's link commits with its OwnerNotified and outgoing mail.
        if (link is not null) session.Insert(link);
        return ([mail.Notified()], [mail]);
    }
}
