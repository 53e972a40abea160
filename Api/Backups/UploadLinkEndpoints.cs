using Marten;
using JasperFx;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Api.Tickets;
using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Uploads;
using Wolverine;

namespace PhotonSupport.Api.Backups;

/// <summary>
/// The owner's upload link (from the backup-request mail): one image, once, before it expires, with no key but the
/// link itself. It files the image as staff uploads do, and the same commit uses the link up.
/// </summary>
public static class UploadLinkEndpoints
{
    /// <summary>Who the timeline says brought the image: the link stands for the owner, who has no key of ours.</summary>
    public const string Actor = "owner via upload link";

    public static void MapUploadLinks(this IEndpointRouteBuilder app) =>
        app.MapPut($"{UploadLink.RoutePrefix}/{{token}}", UploadAsync).WithTags("Backups").WithName("UploadBackupWithLink")
            .Accepts<byte[]>("application/octet-stream").AllowAnonymous();

    /// <summary>
    /// 201 with the filed backup's record (200 when the same image was on file); 404 for a link that never was,
    /// 410 for one expired or used, 400 for a body that is no backup of the device, 409 when the ticket takes no backup.
    /// </summary>
    private static async Task<IResult> UploadAsync(string token, string? fileName, HttpRequest request, IQuerySession session, IMessageBus bus,
        TimeProvider clock, CancellationToken cancellation)
    {
        var linkId = UploadLink.IdOf(token);
        if (await session.LoadAsync<UploadLink>(linkId, cancellation) is not { } link)
            return ProblemResults.NotFound("There is no such upload link; check that the address was copied whole from the mail.");
        if (await UsedAsync(session, linkId, cancellation) is { } used) return used;
        if (link.ExpiresAt <= clock.GetUtcNow())
            return TicketCommandResponse.Refused(new Refusal(TicketRules.UploadLinkExpired, "The upload link expired",
                $"This link expired at {link.ExpiresAt:u}. Reply to the mail that brought it, or ask the support desk for a new backup request."));
        if (await session.LoadAsync<Ticket>(link.TicketId, cancellation) is not { } ticket)
            return ProblemResults.NotFound($"There is no ticket {link.TicketId}.");

        var (image, wrongSize) = await BackupUploads.ReadAsync(request, ticket.Platform, cancellation);
        if (image is null) return wrongSize!;
        var command = new UploadBackup(ticket.Id, Guid.CreateVersion7(), image, BackupSource.UploadLink, fileName, Actor, linkId);
        try
        {
            return await BackupEndpoints.FiledAsync(command, session, bus, cancellation);
        }
        catch (DocumentAlreadyExistsException)
        {
            // Another use of the link committed while this one was read: this commit was rolled back whole.
            return await UsedAsync(session, linkId, cancellation) ?? throw new InvalidOperationException($"Upload link {linkId} collided but records no use.");
        }
    }

    private static async Task<IResult?> UsedAsync(IQuerySession session, string linkId, CancellationToken cancellation) =>
        await session.LoadAsync<UploadLinkUse>(linkId, cancellation) is { } use
            ? TicketCommandResponse.Refused(new Refusal(TicketRules.UploadLinkUsed, "The upload link was already used",
                $"This link was already used at {use.UsedAt:u}; a link takes one image. Reply to the mail that brought it to send another."))
            : null;
}
