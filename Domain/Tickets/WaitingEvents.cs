namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// No backup came for the request made at <see cref="RequestedAt"/>, so the owner was reminded, with the same
/// dfu-util lines as the request. The mail system turns it into the reminder mail.
/// </summary>
public sealed record BackupReminderSent(
    Guid TicketId, DateTimeOffset RequestedAt, IReadOnlyList<string> DfuUtilCommands, string SentBy, DateTimeOffset SentAt) : ITicketEvent
{
    string ITicketEvent.Actor => SentBy;
    DateTimeOffset ITicketEvent.OccurredAt => SentAt;
}
