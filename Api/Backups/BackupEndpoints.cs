using Marten;
using PhotonSupport.Api.Auth;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Api.Tickets;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Backups;
using PhotonSupport.Workers.Tickets;
using Wolverine;

namespace PhotonSupport.Api.Backups;

/// <summary>
/// Backups as staff handle them: upload one to a ticket, list a ticket's with their analysis, read an analysis,
/// and (supervisors only, on the record, with a reason) take a copy of the bytes.
/// </summary>
public static class BackupEndpoints
{
    /// <summary>Where a downloader may give the reason instead of the <c>reason</c> query parameter.</summary>
    public const string ReasonHeader = "X-Download-Reason";

    public static string Backup(Guid id) => $"/api/backups/{id}";

    public static void MapBackups(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/tickets/{ticketId:guid}/backups").WithTags("Backups").RequireAuthorization(Policies.Staff);
        tickets.MapPut("/", UploadAsync).WithName("UploadTicketBackup").Accepts<byte[]>("application/octet-stream");
        tickets.MapGet("/", ListAsync).WithName("ListTicketBackups");

        var backups = app.MapGroup("/api/backups").WithTags("Backups");
        backups.MapGet("/{id:guid}/analysis", AnalysisAsync).WithName("GetBackupAnalysis").RequireAuthorization(Policies.Staff);
        backups.MapGet("/{id:guid}", DownloadAsync).WithName("DownloadBackup").RequireAuthorization(Policies.Supervisor);
    }

    /// <summary>201 with the new backup's record, or 200 with the one already on file when the same image comes again.</summary>
    private static async Task<IResult> UploadAsync(Guid ticketId, string? fileName, HttpRequest request, HttpContext http, IQuerySession session,
        IMessageBus bus, CancellationToken cancellation)
    {
        if (await session.LoadAsync<Ticket>(ticketId, cancellation) is not { } ticket) return ProblemResults.NotFound($"There is no ticket {ticketId}.");
        var (image, wrongSize) = await BackupUploads.ReadAsync(request, ticket.Platform, cancellation);
        if (image is null) return wrongSize!;

        var command = new UploadBackup(ticketId, Guid.CreateVersion7(), image, BackupSource.Staff, fileName, Actors.Of(http));
        return await FiledAsync(command, session, bus, cancellation);
    }

    /// <summary>Sends an upload (staff's or the owner's link) and answers with the record it filed or found.</summary>
    public static async Task<IResult> FiledAsync(UploadBackup command, IQuerySession session, IMessageBus bus, CancellationToken cancellation)
    {
        var result = await bus.InvokeAsync<TicketCommandResult?>(command, cancellation);
        if (result is null || result.Refusal is not null) return TicketCommandResponse.ToHttp(command.TicketId, result, Results.Ok);

        var sha256 = BackupUploads.Digest(command.Image);
        var record = await session.Query<BackupRecord>()
            .FirstAsync(b => b.TicketId == command.TicketId && b.Sha256 == sha256 && b.PurgedAt == null, cancellation);
        return record.Id == command.BackupId ? Results.Created(Backup(record.Id), record) : Results.Ok(record);
    }

    private static async Task<IResult> ListAsync(Guid ticketId, IQuerySession session, CancellationToken cancellation)
    {
        if (await session.LoadAsync<Ticket>(ticketId, cancellation) is null) return ProblemResults.NotFound($"There is no ticket {ticketId}.");
        var records = await session.Query<BackupRecord>().Where(b => b.TicketId == ticketId).OrderBy(b => b.ReceivedAt).ToListAsync(cancellation);
        return Results.Ok(records);
    }

    private static async Task<IResult> AnalysisAsync(Guid id, IQuerySession session, CancellationToken cancellation) =>
        await session.LoadAsync<BackupRecord>(id, cancellation) switch
        {
            null => ProblemResults.NotFound($"There is no backup {id}."),
            { Findings: null } => ProblemResults.NotFound($"Backup {id} was filed before images were analysed; it has no analysis."),
            var record => Results.Ok(record.Findings),
        };

    /// <summary>
    /// The bytes, checked against their digest, after the download is on the ticket's record: a copy that left the
    /// vault is never unrecorded. A read that fails its check records nothing and serves nothing.
    /// </summary>
    private static async Task<IResult> DownloadAsync(Guid id, string? reason, HttpContext http, IQuerySession session, BackupVault vault,
        IMessageBus bus, CancellationToken cancellation)
    {
        reason ??= http.Request.Headers[ReasonHeader].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(reason))
            return ProblemResults.BadQuery("reason", $"Say why you take a copy of this image (it holds the device's private key): the 'reason' query parameter or the {ReasonHeader} header.");
        if (await session.LoadAsync<BackupRecord>(id, cancellation) is not { } record) return ProblemResults.NotFound($"There is no backup {id}.");

        if (record.PurgedAt is { } purgedAt)
            return TicketCommandResponse.Refused(new Refusal(TicketRules.BackupPurged, "The backup was purged",
                $"Backup {id} was purged at {purgedAt:u} under the retention rule; its analysis remains."));
        if (await vault.ReadAsync(session, id, cancellation) is not { } image) return ProblemResults.NotFound($"The vault does not hold backup {id}.");

        var result = await bus.InvokeAsync<TicketCommandResult?>(new RecordBackupDownload(record.TicketId, id, reason, Actors.Of(http)), cancellation);
        return TicketCommandResponse.ToHttp(record.TicketId, result,
            _ => Results.File(image, "application/octet-stream", record.FileName ?? $"backup_{record.Sha256[..12]}.bin"));
    }
}
