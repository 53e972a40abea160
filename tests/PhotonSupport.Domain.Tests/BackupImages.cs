using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.X509;
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

namespace PhotonSupport.Domain.Tests;

/// <summary>A key pair as a DCT stores it: private DER (PKCS#1 or SEC1), public SubjectPublicKeyInfo DER.</summary>
internal sealed record TestKey(byte[] PrivateDer, byte[] PublicDer, AsymmetricKeyParameter Public)
{
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(PublicDer));

    /// <summary>The PKCS#1 RSAPublicKey form some tools store instead of a SubjectPublicKeyInfo.</summary>
    public byte[] Pkcs1PublicDer
    {
        get
        {
            var rsa = (RsaKeyParameters)Public;
            return new RsaPublicKeyStructure(rsa.Modulus, rsa.Exponent).GetDerEncoded();
        }
    }
}

/// <summary>
/// Backup images built from the literal numbers of particle-facts.md, with keys made here, so what
/// forensics should find does not come from the code under test.
/// </summary>
internal static class BackupImages
{
    public const int Gen2Size = 0x100000;

    /// <summary>A WICED-like header size other than the simulator's 4096: the section must be found by content.</summary>
    public const int WicedHeader = 0x200;

    public static TestKey Rsa1024(string seed) => Generate(new RsaKeyPairGenerator(), g => g.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), Seeded(seed), 1024, 80)));

    public static TestKey Rsa2048(string seed) => Generate(new RsaKeyPairGenerator(), g => g.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), Seeded(seed), 2048, 80)));

    public static TestKey P256(string seed) => Generate(new ECKeyPairGenerator(), g => g.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, Seeded(seed))));

    /// <summary>cloud-rsa.pub.der as particle-facts publishes it: the 512-byte block particle-cli writes at 2082.</summary>
    public static byte[] PublishedRsaBlock => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "ParticleFacts", "cloud-rsa.pub.der"));

    /// <summary>cloud-ec.pub.der: the 320-byte EC block particle-cli writes at 3298.</summary>
    public static byte[] PublishedEcBlock => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "ParticleFacts", "cloud-ec.pub.der"));

    /// <summary>The DER SEQUENCE a block starts with: 30 82 hi lo (RSA-2048) or 30 len (P-256), X.690 §8.1.3.</summary>
    public static byte[] LeadingDer(byte[] block) => block[1] == 0x82 ? block[..(4 + ((block[2] << 8) | block[3]))] : block[..(2 + block[1])];

    public static byte[] Erased(int length)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, (byte)0xFF);
        return bytes;
    }

    /// <summary>A server key slot as particle-cli's <c>keys server</c> lays it out: DER, 0xFF, address at +384/+192, big-endian port at +450/+258.</summary>
    public static byte[] ServerBlock(byte[] keyDer, int size, int addressAt, int portAt, string address, ushort? port)
    {
        var block = Erased(size);
        keyDer.CopyTo(block, 0);
        if (IPAddress.TryParse(address, out var ip))
        {
            block[addressAt] = 0;
            ip.GetAddressBytes().CopyTo(block, addressAt + 1);
        }
        else
        {
            block[addressAt] = 1;
            block[addressAt + 1] = (byte)address.Length;
            Encoding.ASCII.GetBytes(address).CopyTo(block, addressAt + 2);
        }
        BinaryPrimitives.WriteUInt16BigEndian(block.AsSpan(portAt), port ?? 0xFFFF);
        return block;
    }

    /// <summary>A Photon image: copy 1 (0x4000) or 2 (0x8000) holds a WICED-like header, then the application section; the other copy is erased.</summary>
    public static byte[] Photon(byte[]? deviceKey, byte[]? storedPublicKey, byte[]? serverBlock, int copy = 0x4000)
    {
        var image = Gen2Image();
        image.AsSpan(copy, 0x4000).Fill(0xFF);
        WicedHeaderAt(image, copy);
        var section = copy + WicedHeader;
        if (deviceKey is not null) deviceKey.CopyTo(image, section + 34);
        if (storedPublicKey is not null) storedPublicKey.CopyTo(image, section + 1250);
        if (serverBlock is not null) serverBlock.CopyTo(image, section + 2082);
        return image;
    }

    /// <summary>An Electron DCD copy (device-os dcd.h): watermark 0x1E1C279A and a seal, little-endian, then the application section.</summary>
    public static void ElectronCopy(byte[] image, int copy, uint seal, byte[] ecDeviceKey, byte[] ecServerBlock)
    {
        image.AsSpan(copy, 0x4000).Fill(0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(copy), 0x1E1C279A);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(copy + 4), seal);
        var section = copy + 8;
        image[section + 32] = 1; // DCT version
        ecDeviceKey.CopyTo(image, section + 3106);
        ecServerBlock.CopyTo(image, section + 3298);
    }

    /// <summary>1 MiB of internal flash with everything but the DCT copies holding something (firmware, in life).</summary>
    public static byte[] Gen2Image()
    {
        var image = new byte[Gen2Size];
        new Random(7).NextBytes(image);
        image.AsSpan(0x4000, 0x8000).Fill(0xFF);
        return image;
    }

    /// <summary>A Core's external flash: server key slot (2048 bytes) at 0x1000, device private key slot (1024) at 0x2000.</summary>
    public static byte[] CoreExternal(byte[]? deviceKey, byte[]? serverBlock)
    {
        var external = Erased(0x200000);
        Encoding.ASCII.GetBytes("CC3000 patch 1.28\0").CopyTo(external, 0);
        if (serverBlock is not null) serverBlock.CopyTo(external, 0x1000);
        if (deviceKey is not null) deviceKey.CopyTo(external, 0x2000);
        return external;
    }

    // WICED platform_dct_header_t: full size, used size, write-incomplete, is-current, app-valid, mfg-info, magic.
    private static void WicedHeaderAt(byte[] image, int copy)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(copy), 0x4000);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(copy + 4), 0x4000);
        image[copy + 8] = 0;
        image[copy + 9] = 1;
        image[copy + 10] = 1;
        image[copy + 11] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(copy + 12), 0x4D435744);
    }

    private static TestKey Generate<T>(T generator, Action<T> init) where T : IAsymmetricCipherKeyPairGenerator
    {
        init(generator);
        var pair = generator.GenerateKeyPair();
        return new TestKey(
            PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).ParsePrivateKey().GetDerEncoded(),
            SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded(),
            pair.Public);
    }

    // A digest generator seeded by the test alone, so every run makes the same keys.
    private static SecureRandom Seeded(string seed)
    {
        var generator = new DigestRandomGenerator(new Sha256Digest());
        generator.AddSeedMaterial(Encoding.UTF8.GetBytes(seed));
        return new SecureRandom(generator);
    }
}
