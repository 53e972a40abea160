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
