namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// A flash image that came attached to a mail. <see cref="From"/> is the sender, who need not be the
/// owner: the image is filed either way, and the event says who sent it.
/// </summary>
public sealed record RecordEmailBackup(Guid TicketId, Guid BackupId, byte[] Image, string FileName, string EmailMessageId, string From) : ITicketCommand
{
    long? ITicketCommand.ExpectedVersion => null;
    string ITicketCommand.Actor => From;

    public static Decision Decide(Ticket ticket, RecordEmailBackup command, DateTimeOffset now) =>
        ReceiveBackup.Decide(ticket, command.BackupId, command.Image, new BackupOrigin(BackupSource.Email, command.From, command.FileName, command.EmailMessageId), now);
}
