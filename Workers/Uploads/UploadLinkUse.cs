using System.Security.Cryptography;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Workers.Uploads;

/// <summary>
/// An upload link was used: inserted, under the link's id, in the commit that files the image. Being an insert,
/// a second use of the link collides on the key and its whole commit (events and vault bytes) is rolled back;
/// an upload that failed or was refused commits nothing, so the link stays usable.
/// </summary>
public sealed class UploadLinkUse
{
    /// <summary>The <see cref="UploadLink.Id"/> it used.</summary>
    public string Id { get; set; } = "";
    public Guid TicketId { get; set; }
    /// <summary>The image it brought, or the same image already on file under another upload.</summary>
    public Guid? BackupId { get; set; }
    public DateTimeOffset UsedAt { get; set; }

    public static UploadLinkUse Of(string linkId, Ticket ticket, IEnumerable<object> events, byte[] image, DateTimeOffset now) => new()
    {
        Id = linkId,
        TicketId = ticket.Id,
        BackupId = events.OfType<BackupReceived>().FirstOrDefault()?.BackupId
                   ?? ticket.BackupWithDigest(Convert.ToHexStringLower(SHA256.HashData(image)))?.BackupId,
        UsedAt = now,
    };
}
