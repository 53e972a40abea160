using FluentValidation;
using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Domain.Tickets;

/// <summary>
/// Send a bench job for the ticket's device. A destructive kind needs a backup on file first,
/// unless a supervisor waives the rule and says why.
/// </summary>
public sealed record QueueRecoveryJob(Guid TicketId, Guid JobId, string Kind, string? WaiverReason, long? ExpectedVersion, string Actor)
    : ITicketCommand
{
    public static Decision Decide(Ticket ticket, QueueRecoveryJob command, DateTimeOffset now)
    {
        if (TicketGuards.RefuseIfResolved(ticket, "queue a job") is { } resolved) return resolved;

        EnumNames.TryParse<RecoveryJobKind>(command.Kind, out var kind);
        if (!kind.RunsOn(ticket.Platform))
            return Decision.Refuse(TicketRules.JobKindNotForPlatform, "The job kind does not apply to this platform",
                $"{kind} cannot run on a {ticket.Platform}.");

        if (ticket.Jobs.Any(j => j.Kind == kind && j.InFlight))
            return Decision.Refuse(TicketRules.JobAlreadyQueued, "A job of this kind is already queued",
                $"{ticket.Reference} already has a {kind} job in flight.");

        var queued = new RecoveryJobQueued(ticket.Id, command.JobId, kind, ticket.DeviceId, ticket.Platform, command.Actor, now);
        if (!kind.IsDestructive() || ticket.HasBackupOnFile) return Decision.Accept(queued);

        if (command.WaiverReason is null)
            return Decision.Refuse(TicketRules.BackupRequired, "A backup must be on file first",
                $"{kind} overwrites the device's flash and {ticket.Reference} has no backup of {ticket.DeviceId}; " +
                "request or take a backup, or have a supervisor waive the rule with a reason.");

        return Decision.Accept(queued, new BackupFirstRuleWaived(ticket.Id, command.JobId, kind, command.WaiverReason, command.Actor, now));
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
    }
}
