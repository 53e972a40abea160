using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace PhotonSupport.Workers.Backups;

public sealed class VaultOptions
{
    public const string Section = "PhotonSupport:Vault";

    /// <summary>Where backup images are kept; relative paths are under the working directory.</summary>
    public string Path { get; set; } = ".data/vault";
}

/// <summary>
/// Keeps backup images, content-addressed by SHA-256 so a repeated upload stores nothing new.
/// Files appear whole or not at all (written aside, then renamed).
/// </summary>
public sealed class BackupVault(IOptions<VaultOptions> options)
{
    public async Task<(string Sha256, long Size)> StoreAsync(byte[] image, CancellationToken cancellation)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(image));
        var target = PathOf(sha256);
        if (File.Exists(target)) return (sha256, image.LongLength);

        var partial = target + "." + Guid.NewGuid().ToString("N") + ".partial";
        await File.WriteAllBytesAsync(partial, image, cancellation);
        File.Move(partial, target, overwrite: true);
        return (sha256, image.LongLength);
    }

    /// <summary>The image with this hash, or null when the vault does not hold it.</summary>
    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellation)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellation) : null;
    }

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("A vault key is a lower-case SHA-256 in hex.", nameof(sha256));
        return Path.Combine(Directory.CreateDirectory(options.Value.Path).FullName, sha256 + ".bin");
    }
}
