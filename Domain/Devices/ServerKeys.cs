using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace PhotonSupport.Domain.Devices;

/// <summary>
/// Reading the server public key a slot holds (particle-facts.md, "Operations", <c>RestoreServerKey</c>):
/// an RSA-2048 SubjectPublicKeyInfo for TCP, a P-256 one for the Electron's UDP, then 0xFF padding and
/// the server's address.
/// </summary>
public static class ServerKeys
{
    /// <summary>The address field's type byte: IPv4 (then 4 bytes) or a domain name (then a length byte and ASCII).</summary>
    public const byte AddressIsIpv4 = 0;
    public const byte AddressIsDomain = 1;

    /// <summary>0xFFFF in the port field means "the protocol's default" (5683 TCP, 5684 UDP).</summary>
    public const ushort DefaultPort = 0xFFFF;

    /// <summary>How an RSA-2048 SubjectPublicKeyInfo begins: SEQUENCE of 0x122 bytes, then the rsaEncryption AlgorithmIdentifier (RFC 3279).</summary>
    public static ReadOnlySpan<byte> Rsa2048Prefix =>
        [0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

    /// <summary>How a P-256 SubjectPublicKeyInfo begins: SEQUENCE of 0x59 bytes, then the id-ecPublicKey AlgorithmIdentifier (RFC 5480).</summary>
    public static ReadOnlySpan<byte> P256Prefix =>
        [0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];

    /// <summary>
    /// The SubjectPublicKeyInfo DER a server key slot starts with, when it is a key of the kind the slot
    /// holds (RSA-2048, or P-256 for an EC slot); null for erased, damaged or other bytes.
    /// </summary>
    public static byte[]? PublicKeyOf(ReadOnlySpan<byte> slot, bool ec)
    {
        if (DerLength.Of(slot) is not { } length) return null;
        var der = slot[..length].ToArray();
        try
        {
            var ok = PublicKeyFactory.CreateKey(der) switch
            {
                RsaKeyParameters { IsPrivate: false } rsa => !ec && rsa.Modulus.BitLength == 2048,
                ECPublicKeyParameters key => ec && SecObjectIdentifiers.SecP256r1.Equals(key.PublicKeyParamSet),
                _ => false,
            };
            return ok ? der : null;
        }
        catch (Exception e) when (DerParsing.IsMalformed(e))
        {
            return null; // bytes in the slot that are no public key
        }
    }
}
