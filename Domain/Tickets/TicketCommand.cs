namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// A command on an existing ticket. <see cref="ExpectedVersion"/> is the stream version the sender
/// decided on; when given, a ticket that moved on since is a conflict, never a silent overwrite.
/// </summary>
public interface ITicketCommand
{
    Guid TicketId { get; }
    long? ExpectedVersion { get; }
    string Actor { get; }
}
