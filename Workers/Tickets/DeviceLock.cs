using Marten;

namespace PhotonSupport.Workers.Tickets;

/// <summary>
/// Makes opens for one device take turns on every node: a transaction-scoped advisory lock, taken before
/// the device's tickets are read and held until the new stream commits (or the refusal ends the
/// transaction). A second open for the device waits, then reads the first one's ticket.
/// </summary>
public static class DeviceLock
{
    /// <summary>
    /// The first key of the two-key form. Two-key advisory locks are a key space apart from the one-bigint
    /// locks Marten and Wolverine take (PostgreSQL manual, "Advisory Lock Functions"); this one names ours.
    /// </summary>
    public const int KeySpace = 0x50530001;

    public static async Task TakeAsync(IDocumentSession session, string deviceId, CancellationToken cancellation)
    {
        await session.BeginTransactionAsync(cancellation);
        await session.QueryAsync<int>($"select 1 from pg_advisory_xact_lock({KeySpace}, hashtext(?))", cancellation, deviceId);
    }
}
