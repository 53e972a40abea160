using JasperFx.Events;
using Marten.Events.Projections;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Mail;

/// <summary>
/// <see cref="SentMail"/> from <see cref="OwnerNotified"/>. Inline: a mail is sent only after the commit that records
/// it, so its record is there before any reply to it can arrive, and a second composition of it finds it at once.
/// </summary>
public sealed class SentMailProjection : MultiStreamProjection<SentMail, string>
{
    public SentMailProjection() => Identity<OwnerNotified>(e => e.MessageId);

    public override SentMail? Evolve(SentMail? mail, string id, IEvent e) => e.Data is OwnerNotified sent
        ? new SentMail { Id = sent.MessageId, TicketId = sent.TicketId, Kind = sent.Kind, NotifiedAt = sent.NotifiedAt }
        : mail;
}
