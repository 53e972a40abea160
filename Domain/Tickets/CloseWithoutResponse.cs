namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// The owner never answered the backup request made at <see cref="RequestedAt"/>: the case closes itself, unless the
/// chase ended meanwhile (see <see cref="RemindOwnerOfBackup"/>). A bench still working on the device keeps it open,
/// as it would against a person's resolve; the desk gets a note instead, because closing is then a person's call.
/// </summary>
/// <remarks>
/// The owner is always reminded first and then given the whole time between reminder and close: after an outage both
/// messages can come due at once and run in either order, and a close that comes first sends the reminder itself and
/// waits again rather than closing a case whose owner was never reminded.
/// </remarks>
public sealed record CloseWithoutResponse(Guid TicketId, DateTimeOffset RequestedAt)
{
    public const string Closer = "system";
    public const string Resolution = "no response from owner";

    /// <summary>When the case may close, given when (if yet) the owner was reminded of this request.</summary>
    public DateTimeOffset DueAt(DateTimeOffset? remindedAt, TimeSpan reminderAfter, TimeSpan closeAfter)
    {
        var fromRequest = RequestedAt + closeAfter;
        var fromReminder = remindedAt + (closeAfter - reminderAfter);
        return fromReminder > fromRequest ? fromReminder.Value : fromRequest;
    }

    public static Decision Decide(Ticket ticket, CloseWithoutResponse due, TimeSpan reminderAfter, TimeSpan closeAfter, DateTimeOffset now)
    {
        if (!ticket.IsChasingBackupRequest(due.RequestedAt) || now < due.DueAt(ticket.ChaseRemindedAt, reminderAfter, closeAfter)) return Decision.Accept();
        if (ticket.ChaseRemindedAt is null) return Decision.Accept(RemindOwnerOfBackup.Sent(ticket, due.RequestedAt, now));
        var inFlight = ticket.Jobs.Count(j => j.InFlight);
        return inFlight > 0
            ? Decision.Accept(new NoteAdded(ticket.Id,
                $"Not closed for lack of response from the owner: {inFlight} job(s) are queued or running. Close it or chase the owner yourself.",
                Closer, now))
            : Decision.Accept(new TicketResolved(ticket.Id, Resolution, Closer, now));
    }
}
