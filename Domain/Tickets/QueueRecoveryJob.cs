using FluentValidation;
using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// Send a bench job for the ticket's device. A destructive kind needs a backup on file first,
/// unless a supervisor waives the rule and says why. A job that writes library firmware needs the
/// binaries in the library now, and pins their SHA-256. A RestoreBackup job writes back the image
/// <see cref="BackupId"/> names, by default the newest that holds a device key; never a keyless one.
/// </summary>
public sealed record QueueRecoveryJob(
    Guid TicketId, Guid JobId, string Kind, string? WaiverReason, long? ExpectedVersion, string Actor, PrivateCloud? PrivateCloud = null,
    Guid? BackupId = null)
    : ITicketCommand
{
    public static Decision Decide(Ticket ticket, QueueRecoveryJob command, FirmwareOnFile library, DateTimeOffset now)
    {
        if (TicketGuards.RefuseIfResolved(ticket, "queue a job") is { } resolved) return resolved;

        EnumNames.TryParse<RecoveryJobKind>(command.Kind, out var kind);
        if (!kind.RunsOn(ticket.Platform))
            return Decision.Refuse(TicketRules.JobKindNotForPlatform, "The job kind does not apply to this platform",
                $"{kind} cannot run on a {ticket.Platform}.");

        if (ticket.Jobs.Any(j => j.Kind == kind && j.InFlight))
            return Decision.Refuse(TicketRules.JobAlreadyQueued, "A job of this kind is already queued",
                $"{ticket.Reference} already has a {kind} job in flight.");

        // Refused now rather than failed later on the bench, where nobody can load the binary.
        if (library.Lacks(kind, ticket.Platform))
            return Decision.Refuse(TicketRules.FirmwareNotInLibrary, "The firmware library lacks a binary this job writes",
                library.Missing(kind, ticket.Platform) + ", then queue the job again.");

        var waived = kind.IsDestructive() && !ticket.HasBackupOnFile;
        if (waived && command.WaiverReason is null)
            return Decision.Refuse(TicketRules.BackupRequired, "A backup must be on file first",
                $"{kind} overwrites the device's flash and {ticket.Reference} has no backup of {ticket.DeviceId} that holds its keys " +
                "(an image whose analysis found no device private key does not count); " +
                "request or take a backup, or have a supervisor waive the rule with a reason.");

        Guid? restores = null;
        if (kind == RecoveryJobKind.RestoreBackup)
        {
            if (BackupToRestore(ticket, command.BackupId) is not { } backup) return NothingToRestore(ticket, command.BackupId);
            restores = backup.BackupId;
        }

        var queued = new RecoveryJobQueued(ticket.Id, command.JobId, kind, ticket.DeviceId, ticket.Platform, command.Actor, now, command.PrivateCloud,
            library.Pins(kind, ticket.Platform), restores);
        return waived
            ? Decision.Accept(queued, new BackupFirstRuleWaived(ticket.Id, command.JobId, kind, command.WaiverReason!, command.Actor, now))
            : Decision.Accept(queued);
    }

    private static TicketBackup? BackupToRestore(Ticket ticket, Guid? named) =>
        named is { } id ? ticket.Backup(id) is { Restorable: true } backup ? backup : null : ticket.NewestRestorableBackup;

    private static Decision NothingToRestore(Ticket ticket, Guid? named)
    {
        if (named is { } id && BackupGuards.RefuseUnlessHeld(ticket, id) is { } absent) return absent;
        return Decision.Refuse(TicketRules.BackupNotRestorable, "No backup to restore",
            named is { } keyless
                ? $"Backup {keyless} of {ticket.Reference} holds no valid device private key (see its analysis); restoring it would write back nothing."
                : $"{ticket.Reference} has no backup that holds a valid device private key; request or take one first.");
    }
}

public sealed class QueueRecoveryJobValidator : AbstractValidator<QueueRecoveryJob>
{
    public QueueRecoveryJobValidator()
    {
        this.ValidatesTicketCommand();
        RuleFor(c => c.JobId).NotEmpty();
        RuleFor(c => c.Kind).Must(k => EnumNames.TryParse<RecoveryJobKind>(k, out _))
            .WithMessage(c => $"'kind' must be one of {string.Join(", ", RecoveryJobKinds.Names)}; '{c.Kind}' is not.");
        RuleFor(c => c.WaiverReason!).RequiredText().When(c => c.WaiverReason is not null);
        RuleFor(c => c.BackupId).Null().When(c => !string.Equals(c.Kind, nameof(RecoveryJobKind.RestoreBackup), StringComparison.OrdinalIgnoreCase))
            .WithMessage("Only a RestoreBackup job names a backup.");
        RuleFor(c => c.PrivateCloud).Null().When(c => !string.Equals(c.Kind, nameof(RecoveryJobKind.RestoreServerKey), StringComparison.OrdinalIgnoreCase))
            .WithMessage("Only a RestoreServerKey job points a device at a private cloud.");
        When(c => c.PrivateCloud is not null, () =>
        {
            RuleFor(c => c.PrivateCloud!.ServerKey).Must(PrivateCloud.IsPublicKey)
                .WithMessage("Must be the server's public key as base64 DER (RSA for TCP devices, EC P-256 for the Electron).");
            RuleFor(c => c.PrivateCloud!.Address).NotEmpty().MaximumLength(PrivateCloud.MaxAddressLength)
                .Must(a => a is not null && a.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
                .WithMessage($"Must be an IPv4 address or a host name of at most {PrivateCloud.MaxAddressLength} characters.");
            RuleFor(c => c.PrivateCloud!.Port).InclusiveBetween(1, 65535).When(c => c.PrivateCloud!.Port is not null);
        });
    }
}
