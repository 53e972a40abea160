using System.Text;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace PhotonSupport.BenchAgent.Particle;

/// <summary>A device key pair as the DCT stores it: the private key DER and the public SubjectPublicKeyInfo DER.</summary>
public sealed record DeviceKeyPair(byte[] PrivateKeyDer, byte[] PublicKeyDer);

/// <summary>
/// Device keys made deterministically from a seed (the device id), so a simulated device has the same
/// keys on every run and a test can predict them: RSA-1024 with PKCS#1 private DER (TCP platforms),
/// EC P-256 with SEC1 private DER (the Electron's UDP keys).
/// </summary>
public static class DeviceKeys
{
    public static DeviceKeyPair Rsa1024(string seed) => Generate(ec: false, SeededRandom("rsa:" + seed));

    public static DeviceKeyPair EcP256(string seed) => Generate(ec: true, SeededRandom("ec:" + seed));

    /// <summary>What <c>particle keys doctor</c> makes: RSA-1024 for TCP devices, EC P-256 for UDP ones.</summary>
    public static DeviceKeyPair Generate(bool ec, SecureRandom random)
    {
        IAsymmetricCipherKeyPairGenerator generator;
        if (ec)
        {
            generator = new ECKeyPairGenerator();
            generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        }
        else
        {
            generator = new RsaKeyPairGenerator();
            generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), random, 1024, 80));
        }
        return Encode(generator.GenerateKeyPair());
    }

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
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException)
        {
            return null; // garbage in the slot: a key that does not parse is no key
        }
    }

    private static byte[]? RsaPublicOf(byte[] der)
    {
        var sequence = Org.BouncyCastle.Asn1.Asn1Sequence.GetInstance(der);
        if (sequence.Count != 9) return null;
        var rsa = Org.BouncyCastle.Asn1.Pkcs.RsaPrivateKeyStructure.GetInstance(sequence);
        return SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent)).GetDerEncoded();
    }

    private static byte[]? EcPublicOf(byte[] der)
    {
        var ec = Org.BouncyCastle.Asn1.Sec.ECPrivateKeyStructure.GetInstance(der);
        var curve = ECNamedDomainParameters.LookupOid(SecObjectIdentifiers.SecP256r1);
        var q = curve.G.Multiply(ec.GetKey()).Normalize();
        return SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(new ECPublicKeyParameters(q, curve)).GetDerEncoded();
    }

    private static DeviceKeyPair Encode(AsymmetricCipherKeyPair pair) => new(
        PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).ParsePrivateKey().GetDerEncoded(),
        SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded());

    // A digest generator that is never seeded from the system, so its output depends on the seed alone.
    private static SecureRandom SeededRandom(string seed)
    {
        var generator = new DigestRandomGenerator(new Sha256Digest());
        generator.AddSeedMaterial(Encoding.UTF8.GetBytes(seed));
        return new SecureRandom(generator);
    }
}
