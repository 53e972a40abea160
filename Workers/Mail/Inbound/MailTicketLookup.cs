using Marten;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Mail.Inbound;

/// <summary>The store's answers to a mail's clues, for <see cref="MailMatch.Of"/>.</summary>
public static class MailTicketLookup
{
    public static async Task<KnownTickets> FindAsync(IQuerySession session, MailClues clues, CancellationToken cancellation)
    {
        Guid? byReference = null;
        if (clues.Reference is { } reference)
            byReference = (await session.Query<Ticket>().Where(t => t.Reference == reference).Select(t => t.Id).ToListAsync(cancellation))
                .Cast<Guid?>().FirstOrDefault();

        IReadOnlyList<Guid> byReply = [];
        if (clues.RepliesTo.Count > 0)
        {
            var repliesTo = clues.RepliesTo.ToArray();
            byReply = (await session.LoadManyAsync<SentMail>(cancellation, repliesTo)).Select(m => m.TicketId).Distinct().ToArray();
        }

        var openByDevice = new Dictionary<string, IReadOnlyList<Guid>>();
        if (clues.DeviceIds.Count > 0)
        {
            var deviceIds = clues.DeviceIds.ToArray();
            var open = await session.Query<Ticket>().Where(t => t.DeviceId.IsOneOf(deviceIds) && t.Status != TicketStatus.Resolved)
                .Select(t => new { t.Id, t.DeviceId }).ToListAsync(cancellation);
            foreach (var device in open.GroupBy(t => t.DeviceId)) openByDevice[device.Key] = device.Select(t => t.Id).ToArray();
        }
        return new KnownTickets(byReference, byReply, openByDevice);
    }

    /// <summary>Whether the desk sent this mail: its Message-ID is a <see cref="SentMail"/>'s.</summary>
    public static async Task<bool> IsOursAsync(IQuerySession session, string messageId, CancellationToken cancellation) =>
        await session.LoadAsync<SentMail>(messageId, cancellation) is not null;
}
