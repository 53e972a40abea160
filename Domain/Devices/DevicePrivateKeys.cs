using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace PhotonSupport.Domain.Devices;

/// <summary>
/// Reading the device private keys a DCT holds (particle-facts.md, "The application DCT"): RSA-1024 as
/// PKCS#1 DER on TCP platforms, EC P-256 as SEC1 DER for the Electron's UDP. Shared by the bench, which
/// checks what it wrote and restores, and the desk, whose forensics reads backups.
/// </summary>
public static class DevicePrivateKeys
{
    /// <summary>
    /// Whether bytes begin like the RSA-1024 PKCS#1 private key the DCT holds at offset 34: a SEQUENCE with a
    /// two-byte length of 0x25x, INTEGER 0 (version), then a 129-byte INTEGER, the modulus (particle-facts.md,
    /// "The application DCT": <c>30 82 02 5x 02 01 00 02 81 81</c>).
    /// </summary>
    public static bool StartsRsaPrivateKey(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 10 && bytes.StartsWith(RsaKeyStart) && (bytes[3] & 0xF0) == 0x50 && bytes[4..].StartsWith(RsaKeyAfterLength);

    /// <summary>
    /// Whether bytes begin like the Electron's EC P-256 private key at DCT offset 3106 (SEC1, RFC 5915): a
    /// SEQUENCE of 0x77 bytes, INTEGER 1 (version), then a 32-byte OCTET STRING, the private scalar.
    /// </summary>
    public static bool StartsEcPrivateKey(ReadOnlySpan<byte> bytes) => bytes.StartsWith(EcKeyStart);

    private static ReadOnlySpan<byte> RsaKeyStart => [0x30, 0x82, 0x02];
    private static ReadOnlySpan<byte> RsaKeyAfterLength => [0x02, 0x01, 0x00, 0x02, 0x81, 0x81];
    private static ReadOnlySpan<byte> EcKeyStart => [0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20];

    /// <summary>The SubjectPublicKeyInfo DER of the public half of a DER private key (PKCS#1 RSA or SEC1 EC); null when it does not parse.</summary>
    public static byte[]? PublicKeyOf(ReadOnlySpan<byte> privateKeyDer)
    {
        if (DerLength.Of(privateKeyDer) is not { } length) return null;
        var der = privateKeyDer[..length].ToArray();
        try
        {
            return RsaPublicOf(der) ?? EcPublicOf(der);
        }
        catch (Exception e) when (DerParsing.IsMalformed(e))
        {
            return null; // garbage in the slot: a key that does not parse is no key
        }
    }

    private static byte[]? RsaPublicOf(byte[] der)
    {
        var sequence = Asn1Sequence.GetInstance(der);
        if (sequence.Count != 9) return null;
        var rsa = RsaPrivateKeyStructure.GetInstance(sequence);
        // A damaged prime still parses; a key whose parts disagree is no key.
        if (!rsa.Prime1.Multiply(rsa.Prime2).Equals(rsa.Modulus)) return null;
        return SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent)).GetDerEncoded();
    }

    private static byte[]? EcPublicOf(byte[] der)
    {
        var ec = ECPrivateKeyStructure.GetInstance(der);
        var curve = ECNamedDomainParameters.LookupOid(SecObjectIdentifiers.SecP256r1);
        var d = ec.GetKey();
        if (d.SignValue <= 0 || d.CompareTo(curve.N) >= 0) return null;
        var q = curve.G.Multiply(d).Normalize();
        return SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(new ECPublicKeyParameters(q, curve)).GetDerEncoded();
    }
}
