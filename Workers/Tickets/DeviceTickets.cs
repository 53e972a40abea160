using Marten;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Tickets;

/// <summary>
/// A device's tickets, read under the device's lock, so that opens and reopens for one device take turns
/// on every node: a transaction-scoped advisory lock, held until the session commits (or the refusal
/// ends the transaction). A second open for the device waits, then reads the first one's ticket.
/// </summary>
public static class DeviceTickets
{
    /// <summary>
    /// The first key of the two-key form. Two-key advisory locks are a key space apart from the one-bigint
    /// locks Marten and Wolverine take (PostgreSQL manual, "Advisory Lock Functions"); this one names ours.
    /// </summary>
    public const int LockKeySpace = 0x50530001;

    /// <summary>The device's tickets, from the snapshots' indexed device id column; only the fields decisions read.</summary>
    public static async Task<IReadOnlyList<EarlierTicket>> LockAndReadAsync(IDocumentSession session, string deviceId, CancellationToken cancellation)
    {
        await session.BeginTransactionAsync(cancellation);
        await session.QueryAsync<int>($"select 1 from pg_advisory_xact_lock({LockKeySpace}, hashtext(?))", cancellation, deviceId);
        var tickets = await session.Query<Ticket>().Where(t => t.DeviceId == deviceId)
            .Select(t => new { t.Id, t.Reference, t.Platform, t.Status, t.OpenedAt }).ToListAsync(cancellation);
        return tickets.Select(t => new EarlierTicket(t.Id, t.Reference, t.Platform, t.Status, t.OpenedAt)).ToArray();
    }
}
