using FluentValidation;

namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// An image sent over HTTP: by support staff (<see cref="BackupSource.Staff"/>), or by the owner with the
/// single-use link of a backup request (<see cref="BackupSource.UploadLink"/>, checked before this is sent).
/// <see cref="UploadLinkId"/> names that link, so the commit that files the image also uses the link up.
/// </summary>
public sealed record UploadBackup(Guid TicketId, Guid BackupId, byte[] Image, BackupSource Source, string? FileName, string Actor,
    string? UploadLinkId = null) : ITicketCommand
{
    long? ITicketCommand.ExpectedVersion => null;

    public static Decision Decide(Ticket ticket, UploadBackup command, DateTimeOffset now) =>
        ReceiveBackup.Decide(ticket, command.BackupId, command.Image, new BackupOrigin(command.Source, command.Actor, command.FileName), now);
}

public sealed class UploadBackupValidator : AbstractValidator<UploadBackup>
{
    public const int MaxFileNameLength = 200;

    public UploadBackupValidator()
    {
        this.ValidatesTicketCommand();
        RuleFor(c => c.BackupId).NotEmpty();
        RuleFor(c => c.Source).Must(s => s is BackupSource.Staff or BackupSource.UploadLink)
            .WithMessage("An upload comes from staff or from the owner's link.");
        RuleFor(c => c.UploadLinkId).Must((c, link) => (c.Source == BackupSource.UploadLink) == !string.IsNullOrEmpty(link))
            .WithMessage("An upload from the owner's link names the link; any other names none.");
        RuleFor(c => c.FileName!).MaximumLength(MaxFileNameLength)
            .Must(n => n.All(c => !char.IsControl(c) && c is not '/' and not '\\'))
            .WithMessage("'fileName' is a plain file name: no folders, no control characters.")
            .When(c => c.FileName is not null);
    }
}
