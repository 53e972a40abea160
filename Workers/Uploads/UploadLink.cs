using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PhotonSupport.Workers.Uploads;

/// <summary>
/// A backup request's link with which the owner sends one image over HTTP, for mail providers that refuse a
/// 1 MiB attachment. The token is only ever in the mail: the document is keyed by its SHA-256, so a copy of
/// the database opens no upload. A use is an <see cref="UploadLinkUse"/> beside it, written with the backup.
/// </summary>
public sealed class UploadLink
{
    /// <summary>Where the Api takes an upload with a link: this, a slash and the token.</summary>
    public const string RoutePrefix = "/api/uploads";

    /// <summary>256 bits from the OS's generator: a link can't be guessed within any lifetime a desk would set.</summary>
    private const int TokenBytes = 32;

    /// <summary>The lower-case hex SHA-256 of the token.</summary>
    public string Id { get; set; } = "";
    public Guid TicketId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>A new link for the ticket and the token that opens it (base64url, no padding: it sits in a URL as it is).</summary>
    public static (UploadLink Link, string Token) Issue(Guid ticketId, DateTimeOffset now, TimeSpan lifetime)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        return (new UploadLink { Id = IdOf(token), TicketId = ticketId, CreatedAt = now, ExpiresAt = now + lifetime }, token);
    }

    public static string IdOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
