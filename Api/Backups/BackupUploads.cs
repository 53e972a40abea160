using System.Security.Cryptography;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.Api.Backups;

/// <summary>
/// An image sent as a raw body, read in chunks up to the largest backup the ticket's platform has, so a body of
/// the wrong size is refused with the sizes a backup has before anything is kept.
/// </summary>
public static class BackupUploads
{
    /// <summary>The image, or the 400 that names the sizes a backup of <paramref name="platform"/> has.</summary>
    public static async Task<(byte[]? Image, IResult? Refused)> ReadAsync(HttpRequest request, Platform platform, CancellationToken cancellation)
    {
        var largest = PlatformCatalog.BackupSizes(platform).Max();
        var image = await RequestBodies.ReadAtMostAsync(request, (int)largest, cancellation);
        if (image is not null && ReceiveBackup.SizeRefusal(platform, image.LongLength) is null) return (image, null);
        var size = image is null ? "is longer than that" : $"has {image.Length:N0}";
        return (null, ProblemResults.BadQuery("body", $"A {platform} backup has {ReceiveBackup.ExpectedSizes(platform)}; this image {size}."));
    }

    public static string Digest(byte[] image) => Convert.ToHexStringLower(SHA256.HashData(image));
}
