using Marten;
using Marten.Patching;
using PhotonSupport.Api.Backups;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Api.Tickets;
using PhotonSupport.Domain.Agents;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Agents;
using PhotonSupport.Workers.Backups;
using PhotonSupport.Workers.Jobs;
using PhotonSupport.Workers.Tickets;
using Microsoft.Extensions.Options;
using Wolverine;

namespace PhotonSupport.Api.Agents;

/// <summary>
/// What an agent does with a job it holds: keep it alive, hand in the backup image, report the end.
/// Every route names the claim; a claim whose lease ran out is refused with <see cref="TicketRules.ClaimLost"/>.
/// </summary>
public static class JobWorkEndpoints
{
    public static void MapJobWork(this RouteGroupBuilder agents)
    {
        agents.MapPost(AgentPaths.Heartbeat, HeartbeatAsync).WithName("HeartbeatRecoveryJob").ProducesCommand<HeartbeatAnswer>();
        agents.MapPut(AgentPaths.Backup, UploadBackupAsync).WithName("UploadBackupImage")
            .Accepts<byte[]>("application/octet-stream");
        agents.MapGet(AgentPaths.Backup, DownloadBackupAsync).WithName("DownloadBackupToRestore");
        agents.MapPost(AgentPaths.Complete, CompleteAsync).WithName("CompleteRecoveryJob").ProducesCommand<TicketCommandResponse>();
    }

    /// <summary>
    /// Moves the lease on; the answer tells the agent to stop when support cancelled the job. A claim that
    /// is no longer the job's current one is refused and its lease left alone.
    /// </summary>
    private static async Task<IResult> HeartbeatAsync(Guid jobId, Guid claimId, HeartbeatRequest body, HttpContext http, IDocumentSession session,
        TimeProvider clock, IOptions<JobOptions> options, CancellationToken cancellation)
    {
        if (body.ProgressPercent is < 0 or > 100) return ProblemResults.BadQuery("progressPercent", "Must be between 0 and 100.");
        if (body.Message is { Length: > TicketValidation.MaxTextLength }) return ProblemResults.BadQuery("message", "Too long.");
        var (lease, refused) = await HeldJob.FindAsync(session, jobId, claimId, AgentCaller.Of(http), cancellation);
        if (refused is not null) return refused;

        var job = (await session.LoadAsync<Ticket>(lease!.TicketId, cancellation))?.Job(jobId);
        if (job is { State: RecoveryJobState.Cancelled }) return Results.Ok(new HeartbeatAnswer(true, lease.ExpiresAt));
        if (job is not { State: RecoveryJobState.Claimed } || job.ClaimId != claimId) return HeldJob.Refused(TicketGuards.ClaimLost(jobId, claimId));

        var now = clock.GetUtcNow();
        var expiresAt = now + options.Value.Lease;
        // Patched only while the lease is still this claim's: a newer claim may have replaced it since it was read.
        session.Patch<JobLease>(l => l.Id == jobId && l.ClaimId == claimId)
            .Set(l => l.ExpiresAt, expiresAt)
            .Set(l => l.ProgressPercent, body.ProgressPercent)
            .Set(l => l.ProgressMessage, body.Message);
        await AgentRegistry.SeenAsync(session, lease.AgentId, lease.AgentName, now, jobId, attached: null, cancellation);
        await session.SaveChangesAsync(cancellation);
        return Results.Ok(new HeartbeatAnswer(false, expiresAt));
    }

    /// <summary>The raw image read off the device; filed on the ticket and put in the vault in one commit.</summary>
    private static async Task<IResult> UploadBackupAsync(Guid jobId, Guid claimId, HttpRequest request, HttpContext http, IQuerySession session,
        IMessageBus bus, CancellationToken cancellation)
    {
        var (lease, refused) = await HeldJob.FindAsync(session, jobId, claimId, AgentCaller.Of(http), cancellation);
        if (refused is not null) return refused;
        var ticket = await session.LoadAsync<Ticket>(lease!.TicketId, cancellation);
        var (image, wrongSize) = await BackupUploads.ReadAsync(request, ticket!.Platform, cancellation);
        if (image is null) return wrongSize!;

        var backupId = Guid.CreateVersion7();
        var result = await bus.InvokeAsync<TicketCommandResult?>(new RecordBenchBackup(ticket.Id, jobId, claimId, lease.AgentId, backupId, image), cancellation);
        return TicketCommandResponse.ToHttp(ticket.Id, result, _ => Results.Ok(new { sha256 = BackupUploads.Digest(image), size = image.LongLength }));
    }

    /// <summary>
    /// The backup a RestoreBackup job writes back, for the claim holding that job and no one else:
    /// the image holds the device's private key.
    /// </summary>
    private static async Task<IResult> DownloadBackupAsync(Guid jobId, Guid claimId, HttpContext http, IQuerySession session, BackupVault vault,
        CancellationToken cancellation)
    {
        var (lease, refused) = await HeldJob.FindAsync(session, jobId, claimId, AgentCaller.Of(http), cancellation);
        if (refused is not null) return refused;
        var ticket = await session.LoadAsync<Ticket>(lease!.TicketId, cancellation);
        var job = ticket!.Job(jobId)!;
        if (job.ClaimId != claimId) return HeldJob.Refused(TicketGuards.ClaimLost(jobId, claimId));
        if (job is not { Kind: RecoveryJobKind.RestoreBackup, State: RecoveryJobState.Claimed, BackupId: { } backupId })
            return Results.Problem(ProblemResults.Refused(new Refusal(TicketRules.JobNotClaimable, "No backup for this job",
                $"Job {jobId} is a {job.State} {job.Kind} job; only a running RestoreBackup job reads a backup.")));
        if (BackupGuards.RefuseUnlessHeld(ticket, backupId)?.Refusal is { } gone) return TicketCommandResponse.Refused(gone);

        var image = await vault.ReadAsync(session, backupId, cancellation);
        return image is null
            ? ProblemResults.NotFound($"The vault does not hold backup {backupId}.")
            : Results.File(image, "application/octet-stream", $"{ticket.Platform.ToString().ToUpperInvariant()}_backup_{ticket.DeviceId}.bin");
    }

    /// <summary>The outcome; the handler records it and frees the agent in the same commit.</summary>
    private static async Task<IResult> CompleteAsync(Guid jobId, Guid claimId, CompleteRequest body, HttpContext http, IQuerySession session,
        IMessageBus bus, CancellationToken cancellation)
    {
        if (body.Outcome is not { } outcome) return ProblemResults.BadQuery("outcome", "'outcome' is 'succeeded' or 'failed'.");
        var (lease, refused) = await HeldJob.FindAsync(session, jobId, claimId, AgentCaller.Of(http), cancellation);
        if (refused is not null) return refused;

        var command = new CompleteRecoveryJob(lease!.TicketId, jobId, claimId, lease.AgentId, outcome, body.Details, body.Result, Guid.CreateVersion7());
        var result = await bus.InvokeAsync<TicketCommandResult?>(command, cancellation);
        return TicketCommandResponse.ToHttp(lease.TicketId, result, Results.Ok);
    }
}
