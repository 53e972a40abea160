using Marten;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Api.Tickets;
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

public sealed record HeartbeatRequest(int? ProgressPercent, string? Message);

public sealed record HeartbeatResponse(bool Cancelled, DateTimeOffset LeaseExpiresAt);

public sealed record CompleteRequest(string? Outcome, string? Details, JobResult? Result);

/// <summary>What an agent does with a job it holds: keep it alive, hand in the backup image, report the end.</summary>
public static class JobWorkEndpoints
{
    public static void MapJobWork(this RouteGroupBuilder agents)
    {
        agents.MapPost("/jobs/{jobId:guid}/heartbeat", HeartbeatAsync).WithName("HeartbeatRecoveryJob");
        agents.MapPut("/jobs/{jobId:guid}/artifacts/backup", UploadBackupAsync).WithName("UploadBackupImage")
            .Accepts<byte[]>("application/octet-stream");
        agents.MapGet("/jobs/{jobId:guid}/artifacts/backup", DownloadBackupAsync).WithName("DownloadBackupToRestore");
        agents.MapPost("/jobs/{jobId:guid}/complete", CompleteAsync).WithName("CompleteRecoveryJob");
    }

    /// <summary>Moves the lease on; the answer tells the agent to stop when support cancelled the job.</summary>
    private static async Task<IResult> HeartbeatAsync(Guid jobId, HeartbeatRequest body, HttpContext http, IDocumentSession session,
        TimeProvider clock, IOptions<JobOptions> options, CancellationToken cancellation)
    {
        if (body.ProgressPercent is < 0 or > 100) return ProblemResults.BadQuery("progressPercent", "Must be between 0 and 100.");
        if (body.Message is { Length: > TicketValidation.MaxTextLength }) return ProblemResults.BadQuery("message", "Too long.");
        var (lease, refused) = await HeldJob.FindAsync(session, jobId, http, cancellation);
        if (refused is not null) return refused;

        var job = (await session.LoadAsync<Ticket>(lease!.TicketId, cancellation))?.Job(jobId);
        if (job is not { State: RecoveryJobState.Claimed } || job.AgentId != lease.AgentId || job.Attempts != lease.Attempt)
            return Results.Ok(new HeartbeatResponse(job?.State == RecoveryJobState.Cancelled, lease.ExpiresAt));

        var now = clock.GetUtcNow();
        lease.ExpiresAt = now + options.Value.Lease;
        lease.ProgressPercent = body.ProgressPercent;
        lease.ProgressMessage = body.Message;
        session.Store(lease);
        await AgentRegistry.SeenAsync(session, lease.AgentId, now, jobId, attached: null, cancellation);
        await session.SaveChangesAsync(cancellation);
        return Results.Ok(new HeartbeatResponse(false, lease.ExpiresAt));
    }

    /// <summary>The raw image read off the device; stored in the vault, then recorded on the ticket.</summary>
    private static async Task<IResult> UploadBackupAsync(Guid jobId, HttpRequest request, HttpContext http, IQuerySession session,
        BackupVault vault, IMessageBus bus, CancellationToken cancellation)
    {
        var (lease, refused) = await HeldJob.FindAsync(session, jobId, http, cancellation);
        if (refused is not null) return refused;
        var ticket = await session.LoadAsync<Ticket>(lease!.TicketId, cancellation);
        var sizes = PlatformCatalog.BackupSizes(ticket!.Platform);

        var image = await RequestBodies.ReadAtMostAsync(request, (int)sizes.Max(), cancellation);
        if (image is null || !sizes.Contains(image.LongLength))
            return ProblemResults.BadQuery("body", $"A {ticket.Platform} backup is {string.Join(" or ", sizes.Select(s => $"{s:N0}"))} bytes; " +
                (image is null ? "this one is longer." : $"this one is {image.Length:N0}."));

        var (sha256, size) = await vault.StoreAsync(image, cancellation);
        var result = await bus.InvokeAsync<TicketCommandResult?>(new RecordBenchBackup(ticket.Id, jobId, lease.AgentId, sha256, size), cancellation);
        return TicketCommandResponse.ToHttp(ticket.Id, result, _ => Results.Ok(new { sha256, size }));
    }

    /// <summary>
    /// The backup a RestoreBackup job writes back, for the agent holding that job and no one else:
    /// the image holds the device's private key.
    /// </summary>
    private static async Task<IResult> DownloadBackupAsync(Guid jobId, HttpContext http, IQuerySession session, BackupVault vault, CancellationToken cancellation)
    {
        var (lease, refused) = await HeldJob.FindAsync(session, jobId, http, cancellation);
        if (refused is not null) return refused;
        var ticket = await session.LoadAsync<Ticket>(lease!.TicketId, cancellation);
        var job = ticket!.Job(jobId)!;
        if (job is not { Kind: RecoveryJobKind.RestoreBackup, State: RecoveryJobState.Claimed } || ticket.Backups.Count == 0)
            return Results.Problem(ProblemResults.Refused(new Refusal(TicketRules.JobNotClaimable, "No backup for this job",
                $"Job {jobId} is a {job.State} {job.Kind} job; only a running RestoreBackup job reads a backup.")));

        var image = await vault.ReadAsync(ticket.Backups[^1].Sha256, cancellation);
        return image is null
            ? ProblemResults.NotFound($"The vault does not hold backup {ticket.Backups[^1].Sha256}.")
            : Results.File(image, "application/octet-stream", $"{ticket.Platform.ToString().ToUpperInvariant()}_backup_{ticket.DeviceId}.bin");
    }

    private static async Task<IResult> CompleteAsync(Guid jobId, CompleteRequest body, HttpContext http, IDocumentSession session,
        IMessageBus bus, TimeProvider clock, CancellationToken cancellation)
    {
        var (lease, refused) = await HeldJob.FindAsync(session, jobId, http, cancellation);
        if (refused is not null) return refused;

        var command = new CompleteRecoveryJob(lease!.TicketId, jobId, lease.AgentId, body.Outcome!, body.Details, body.Result, Guid.CreateVersion7());
        var result = await bus.InvokeAsync<TicketCommandResult?>(command, cancellation);
        if (result is { Refusal: null })
        {
            await AgentRegistry.SeenAsync(session, lease.AgentId, clock.GetUtcNow(), currentJobId: null, attached: null, cancellation);
            await session.SaveChangesAsync(cancellation);
        }
        return TicketCommandResponse.ToHttp(lease.TicketId, result, Results.Ok);
    }
}
