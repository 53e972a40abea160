using System.Security.Cryptography;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace PhotonSupport.Domain.Devices;

/// <summary>Device public keys as the bench reports them (PEM), and the fingerprint the desk shows.</summary>
public static class PublicKeys
{
    /// <summary>SHA-256 of the SubjectPublicKeyInfo DER, lower-case hex; null when the text is not a public key PEM.</summary>
    public static string? Fingerprint(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem)) return null;
        try
        {
            using var reader = new StringReader(pem);
            if (new PemReader(reader).ReadObject() is not AsymmetricKeyParameter { IsPrivate: false } key) return null;
            var der = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(key).GetDerEncoded();
            return Convert.ToHexStringLower(SHA256.HashData(der));
        }
        catch (Exception e) when (e is IOException or PemException or ArgumentException or InvalidCastException)
        {
            return null; // not PEM at all, or PEM of something that is not a key
        }
    }
}
