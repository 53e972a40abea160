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

    private static readonly string Lock = FormattableString.Invariant($"pg_advisory_xact_lock({LockKeySpace}, hashtext(?))");

    /// <summary>The device's tickets, from the snapshots' indexed device id column; only the fields decisions read.</summary>
    public static async Task<IReadOnlyList<EarlierTicket>> LockAndReadAsync(IDocumentSession session, string deviceId, CancellationToken cancellation)
    {
        await session.BeginTransactionAsync(cancellation);
        await session.QueryAsync<int>($"select 1 from {Lock}", cancellation, deviceId);
        return await ReadAsync(session, deviceId, cancellation);
    }

    /// <summary>
    /// For an open: the lock and the new ticket's reference in one statement, one round trip fewer on the hot path.
    /// The tickets are read by the next statement, whose snapshot is taken after the lock is held.
    /// </summary>
    public static async Task<(IReadOnlyList<EarlierTicket> Tickets, string Reference)> LockAndReadForOpeningAsync(
        IDocumentSession session, string deviceId, CancellationToken cancellation)
    {
        await session.BeginTransactionAsync(cancellation);
        var number = await session.QueryAsync<long>($"select {TicketReferences.NextValue} from (select {Lock}) as locked", cancellation, deviceId);
        return (await ReadAsync(session, deviceId, cancellation), TicketReferences.Of(number.Single()));
    }

    private static async Task<IReadOnlyList<EarlierTicket>> ReadAsync(IDocumentSession session, string deviceId, CancellationToken cancellation)
    {
        var tickets = await session.Query<Ticket>().Where(t => t.DeviceId == deviceId)
            .Select(t => new { t.Id, t.Reference, t.Platform, t.Status, t.OpenedAt }).ToListAsync(cancellation);
        return tickets.Select(t => new EarlierTicket(t.Id, t.Reference, t.Platform, t.Status, t.OpenedAt)).ToArray();
    }
}
