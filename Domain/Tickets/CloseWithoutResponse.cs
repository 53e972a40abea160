namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// The owner never answered the backup request made at <see cref="RequestedAt"/>: the case closes itself, unless the
/// chase ended meanwhile (see <see cref="RemindOwnerOfBackup"/>). A bench still working on the device keeps it open,
/// as it would against a person's resolve; the desk gets a note instead, because closing is then a person's call.
/// </summary>
public sealed record CloseWithoutResponse(Guid TicketId, DateTimeOffset RequestedAt)
{
    public const string Closer = "system";
    public const string Resolution = "no response from owner";

    public DateTimeOffset DueAt(TimeSpan closeAfter) => RequestedAt + closeAfter;

    public static Decision Decide(Ticket ticket, CloseWithoutResponse due, TimeSpan closeAfter, DateTimeOffset now)
    {
        if (!ticket.IsChasingBackupRequest(due.RequestedAt) || now < due.DueAt(closeAfter)) return Decision.Accept();
        var inFlight = ticket.Jobs.Count(j => j.InFlight);
        return inFlight > 0
            ? Decision.Accept(new NoteAdded(ticket.Id,
                $"Not closed for lack of response from the owner: {inFlight} job(s) are queued or running. Close it or chase the owner yourself.",
                Closer, now))
            : Decision.Accept(new TicketResolved(ticket.Id, Resolution, Closer, now));
    }
}
