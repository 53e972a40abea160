namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// The retention rule's due date came for a resolution: the images of a ticket resolved at <see cref="ResolvedAt"/>
/// leave the vault. Scheduled when the ticket is resolved; a reopen (or a later resolution) makes it do nothing,
/// because the ticket no longer stands resolved at that moment.
/// </summary>
public sealed record PurgeResolvedBackups(Guid TicketId, DateTimeOffset ResolvedAt)
{
    /// <summary>Who a retention purge is by: no person decides it.</summary>
    public const string Purger = "system";

    public static Decision Decide(Ticket ticket, PurgeResolvedBackups command, TimeSpan retention, DateTimeOffset now)
    {
        if (ticket.Status != TicketStatus.Resolved || ticket.ResolvedAt != command.ResolvedAt) return Decision.Accept();
        var reason = $"retention: {Describe(retention)} after resolution";
        return Decision.Accept([.. ticket.Backups.Where(b => !b.Purged)
            .Select(b => new BackupPurged(ticket.Id, b.BackupId, b.Sha256, reason, Purger, now))]);
    }

    /// <summary>"30 days" for the whole days a desk sets; the exact span (<c>00:00:02</c>) for anything shorter or uneven.</summary>
    public static string Describe(TimeSpan retention) =>
        retention.Ticks % TimeSpan.TicksPerDay == 0
            ? $"{retention.Days} day{(retention.Days == 1 ? "" : "s")}"
            : retention.ToString("c");
}
