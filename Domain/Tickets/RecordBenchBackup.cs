using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.Domain.Tickets;

/// <summary>The image a bench agent read off the device for the Backup job it holds.</summary>
public sealed record RecordBenchBackup(Guid TicketId, Guid JobId, Guid ClaimId, string AgentId, Guid BackupId, byte[] Image) : ITicketCommand
{
    long? ITicketCommand.ExpectedVersion => null;
    string ITicketCommand.Actor => AgentId;

    public static Decision Decide(Ticket ticket, RecordBenchBackup command, DateTimeOffset now)
    {
        if (TicketGuards.RefuseUnlessHeld(ticket, command.JobId, command.ClaimId, command.AgentId, out var job) is { } refused) return refused;
        if (job.Kind != RecoveryJobKind.Backup || job.State != RecoveryJobState.Claimed)
            return Decision.Refuse(TicketRules.JobNotClaimable, "Not a running backup job", $"Job {job.JobId} is a {job.State} {job.Kind} job.");
        return ReceiveBackup.Decide(ticket, command.BackupId, command.Image, new BackupOrigin(BackupSource.Bench, command.AgentId), now);
    }
}
