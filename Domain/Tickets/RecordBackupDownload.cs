using FluentValidation;

namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// A supervisor takes a copy of an image, and says why. Custody outlives the case: a resolved ticket's
/// images may still be taken until they are purged.
/// </summary>
public sealed record RecordBackupDownload(Guid TicketId, Guid BackupId, string Reason, string Actor) : ITicketCommand
{
    long? ITicketCommand.ExpectedVersion => null;

    public static Decision Decide(Ticket ticket, RecordBackupDownload command, DateTimeOffset now) =>
        BackupGuards.RefuseUnlessHeld(ticket, command.BackupId)
        ?? Decision.Accept(new BackupDownloaded(ticket.Id, command.BackupId, command.Reason, command.Actor, now));
}

public sealed class RecordBackupDownloadValidator : AbstractValidator<RecordBackupDownload>
{
    public RecordBackupDownloadValidator()
    {
        this.ValidatesTicketCommand();
        RuleFor(c => c.BackupId).NotEmpty();
        RuleFor(c => c.Reason).RequiredText();
    }
}
