using System.Security.Cryptography;
using System.Text;

namespace PhotonSupport.Workers.Backups;

/// <summary>An image as the vault holds it: the key it is sealed under, its nonce, and ciphertext followed by the tag.</summary>
public sealed record SealedImage(string KeyId, byte[] Nonce, byte[] Ciphertext);

/// <summary>
/// AES-256-GCM over backup images. The associated data binds a ciphertext to its row (backup id, ticket id,
/// SHA-256) and to its key id, so a ciphertext moved to another row or a key id edited fails authentication.
/// </summary>
public sealed class VaultCipher(VaultKeyRing keys)
{
    public string ActiveKeyId => keys.ActiveKeyId;

    public SealedImage Seal(Guid backupId, Guid ticketId, string sha256, byte[] image)
    {
        // A random 96-bit nonce per image: far below the 2^32 seals per key at which NIST SP 800-38D §8.3 worries about collisions.
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var sealedBytes = new byte[image.Length + AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(keys.ActiveKey, AesGcm.TagByteSizes.MaxSize);
        aes.Encrypt(nonce, image, sealedBytes.AsSpan(0, image.Length), sealedBytes.AsSpan(image.Length),
            AssociatedData(backupId, ticketId, sha256, keys.ActiveKeyId));
        return new SealedImage(keys.ActiveKeyId, nonce, sealedBytes);
    }

    /// <exception cref="VaultIntegrityException">The key is unknown, or the tag does not authenticate.</exception>
    public byte[] Open(Guid backupId, Guid ticketId, string sha256, SealedImage image)
    {
        var key = keys.Find(image.KeyId)
            ?? throw new VaultIntegrityException(backupId, $"it is sealed under key '{image.KeyId}', which this vault does not have");
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        if (image.Ciphertext.Length < tagSize || image.Nonce.Length != AesGcm.NonceByteSizes.MaxSize)
            throw new VaultIntegrityException(backupId, "its nonce or ciphertext is truncated");

        var plain = new byte[image.Ciphertext.Length - tagSize];
        try
        {
            using var aes = new AesGcm(key, tagSize);
            aes.Decrypt(image.Nonce, image.Ciphertext.AsSpan(0, plain.Length), image.Ciphertext.AsSpan(plain.Length), plain,
                AssociatedData(backupId, ticketId, sha256, image.KeyId));
        }
        catch (AuthenticationTagMismatchException mismatch)
        {
            throw new VaultIntegrityException(backupId,
                $"the authentication tag does not match under key '{image.KeyId}': the row was tampered with or the key is not the one it was sealed with",
                mismatch);
        }
        return plain;
    }

    /// <summary>Fixed-size fields first and the key id last, so no two rows can produce the same bytes.</summary>
    private static byte[] AssociatedData(Guid backupId, Guid ticketId, string sha256, string keyId) =>
        [.. backupId.ToByteArray(), .. ticketId.ToByteArray(), .. Encoding.ASCII.GetBytes(sha256), .. Encoding.UTF8.GetBytes(keyId)];
}
