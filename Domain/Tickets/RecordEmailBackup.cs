using FluentValidation;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// A flash image that came attached to a mail is in the vault. <see cref="From"/> is the sender, who need
/// not be the owner: the image is filed either way, and the event says who sent it.
/// </summary>
public sealed record RecordEmailBackup(Guid TicketId, string Sha256, long Size, string FileName, string EmailMessageId, string From) : ITicketCommand
{
    long? ITicketCommand.ExpectedVersion => null;
    string ITicketCommand.Actor => From;

    public static Decision Decide(Ticket ticket, RecordEmailBackup command, DateTimeOffset now)
    {
        if (TicketGuards.RefuseIfResolved(ticket, "send it a backup") is { } resolved) return resolved;
        if (!PlatformCatalog.BackupSizes(ticket.Platform).Contains(command.Size))
            return Decision.Refuse(TicketRules.BackupSizeNotAccepted, "Not a backup image of this platform",
                $"{command.FileName} has {command.Size} bytes; a {ticket.Platform} backup has " +
                $"{string.Join(" or ", PlatformCatalog.BackupSizes(ticket.Platform))}.");
        return Decision.Accept(new BackupReceived(ticket.Id, command.Sha256, command.Size, BackupSource.Email, command.From, now,
            command.FileName, command.EmailMessageId));
    }
}

public sealed class RecordEmailBackupValidator : AbstractValidator<RecordEmailBackup>
{
    public RecordEmailBackupValidator()
    {
        this.ValidatesTicketCommand();
        RuleFor(c => c.Sha256).Must(s => s is { Length: 64 } && s.All(char.IsAsciiHexDigitLower))
            .WithMessage("'sha256' must be 64 lower-case hexadecimal characters.");
        RuleFor(c => c.Size).GreaterThan(0);
        RuleFor(c => c.FileName).NotEmpty();
        RuleFor(c => c.EmailMessageId).NotEmpty();
        RuleFor(c => c.From).NotEmpty();
    }
}
