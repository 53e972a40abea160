using FluentValidation;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Domain.Tickets;

public enum JobOutcome
{
    Succeeded,
    Failed,
}

/// <summary>What a job produced besides its outcome: the new public key of a keys-doctor job.</summary>
public sealed record JobResult(string? PublicKeyPem);

/// <summary>
/// A bench agent reports how its job ended. A success records what it did to the device and,
/// when the job was a step of the ticket's recovery plan, queues the next step.
/// Reporting the same outcome twice is harmless: the second report appends nothing.
/// </summary>
public sealed record CompleteRecoveryJob(
    Guid TicketId, Guid JobId, Guid ClaimId, string AgentId, JobOutcome Outcome, string? Details, JobResult? Result, Guid NextJobId) : ITicketCommand
{
    public const string PlanActor = "recovery-plan";

    long? ITicketCommand.ExpectedVersion => null;
    string ITicketCommand.Actor => AgentId;

    public static Decision Decide(Ticket ticket, CompleteRecoveryJob command, FirmwareOnFile library, DateTimeOffset now)
    {
        if (TicketGuards.RefuseUnlessHeld(ticket, command.JobId, command.ClaimId, command.AgentId, out var job) is { } refused) return refused;
        var reported = command.Outcome == JobOutcome.Succeeded ? RecoveryJobState.Succeeded : RecoveryJobState.Failed;

        if (job.State == reported) return Decision.Accept();
        if (job.State != RecoveryJobState.Claimed)
            return Decision.Refuse(TicketRules.JobAlreadyFinished, "The job has already finished", $"Job {job.JobId} is {job.State}.");

        if (command.Outcome == JobOutcome.Failed)
            return Decision.Accept(new RecoveryJobFailed(ticket.Id, job.JobId, job.Kind, command.AgentId,
                command.Details ?? "the agent gave no reason", now));

        var succeeded = new RecoveryJobSucceeded(ticket.Id, job.JobId, job.Kind, command.AgentId, command.Details, now);
        return DeviceOutcome(ticket, job, command, now) switch
        {
            { Refusal: { } refusal } => Decision.Refuse(refusal.Type, refusal.Title, refusal.Detail),
            { Event: var outcomeEvent } => Decision.Accept([succeeded, .. outcomeEvent is null ? [] : new[] { outcomeEvent }, .. NextPlanStep(ticket, job, command, library, now)]),
        };
    }

    private static (object? Event, Refusal? Refusal) DeviceOutcome(Ticket ticket, TicketJob job, CompleteRecoveryJob command, DateTimeOffset now)
    {
        var (id, device, agent) = (ticket.Id, ticket.DeviceId, command.AgentId);
        switch (job.Kind)
        {
            case RecoveryJobKind.Backup:
                return ticket.Backups.Any(b => b.Source == BackupSource.Bench && b.ReceivedAt >= job.QueuedAt)
                    ? (null, null)
                    : (null, Incomplete("a Backup job succeeds only after its image was uploaded"));
            case RecoveryJobKind.RegenerateDeviceKeys:
                var pem = command.Result?.PublicKeyPem;
                return PublicKeys.Fingerprint(pem) is { } fingerprint
                    ? (new KeysRegenerated(id, job.JobId, device, fingerprint, pem!, agent, now), null)
                    : (null, Incomplete("a keys job reports the new public key as PEM in result.publicKeyPem"));
            case RecoveryJobKind.RestoreBackup:
                return ticket.Backups.Count > 0
                    ? (new BackupRestored(id, job.JobId, device, ticket.Backups[^1].Sha256, agent, now), null)
                    : (null, Incomplete("there is no backup on file to have restored"));
            case RecoveryJobKind.RestoreServerKey:
                return (new ServerKeyRestored(id, job.JobId, device, agent, now), null);
            case RecoveryJobKind.FlashTinker:
                return (new TinkerFlashed(id, job.JobId, device, agent, now), null);
            case RecoveryJobKind.UpdateSystemFirmware:
                return (new SystemFirmwareUpdated(id, job.JobId, device, agent, now), null);
            case RecoveryJobKind.PatchCc3000:
                return (new Cc3000Patched(id, job.JobId, device, agent, now), null);
            default:
                throw new ArgumentOutOfRangeException(nameof(job), job.Kind, "a job kind without a device outcome");
        }

        static Refusal Incomplete(string why) => new(TicketRules.JobResultIncomplete, "The job's result is incomplete", why + ".");
    }

    /// <summary>
    /// The plan step after this one, if the rules let it be queued now; otherwise the plan waits for a person.
    /// A step whose firmware the library lacks waits too, with a note saying which upload would let it run:
    /// refusing the report would lose what the bench just did.
    /// </summary>
    private static IEnumerable<object> NextPlanStep(Ticket ticket, TicketJob job, CompleteRecoveryJob command, FirmwareOnFile library, DateTimeOffset now)
    {
        var plan = ticket.Diagnosis?.Plan ?? [];
        var step = plan.ToList().IndexOf(job.Kind);
        if (step < 0 || step + 1 >= plan.Count) yield break;

        var next = plan[step + 1];
        if (!next.RunsOn(ticket.Platform) || (next.IsDestructive() && !ticket.HasBackupOnFile)) yield break;
        if (ticket.Jobs.Any(j => j.Kind == next && (j.InFlight || j.State == RecoveryJobState.Succeeded))) yield break;

        if (library.Lacks(next, ticket.Platform))
        {
            yield return new NoteAdded(ticket.Id, $"The plan's next step was not queued: {library.Missing(next, ticket.Platform)}, then queue {next}.",
                PlanActor, now);
            yield break;
        }

        yield return new RecoveryJobQueued(ticket.Id, command.NextJobId, next, ticket.DeviceId, ticket.Platform, PlanActor, now,
            Firmware: library.Pins(next, ticket.Platform), BackupId: next == RecoveryJobKind.RestoreBackup ? ticket.NewestRestorableBackup?.BackupId : null);
    }
}

public sealed class CompleteRecoveryJobValidator : AbstractValidator<CompleteRecoveryJob>
{
    public CompleteRecoveryJobValidator()
    {
        RuleFor(c => c.Outcome).IsInEnum();
        RuleFor(c => c.Details!).MaximumLength(TicketValidation.MaxTextLength).PlainText();
        RuleFor(c => c.Result!.PublicKeyPem!).MaximumLength(TicketValidation.MaxTextLength).PlainText().When(c => c.Result is not null);
    }
}
