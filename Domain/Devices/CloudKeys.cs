using System.Security.Cryptography;

namespace PhotonSupport.Domain.Devices;

/// <summary>
/// The Particle cloud's published server keys, as the slot blocks particle-cli writes
/// (the key DER, 0xFF padding, the server address). They ship inside the Domain assembly, so the bench
/// (which writes them) and the desk (whose forensics recognises them) hold the same bytes: a bench needs no
/// files beside the program, and a damaged build is caught by its digest before a byte reaches a device.
/// </summary>
public sealed record CloudKeys(byte[] RsaSlot, byte[] CoreRsaSlot, byte[] EcSlot)
{
    // SHA-256 of each file as particle-cli publishes it.
    private const string RsaSha256 = "2a1c82fb5f28fe1ba95b4af966aca326eb22398b977fa2540233dbe703fddb16";
    private const string CoreRsaSha256 = "f4e4ac980b56a88a50f359b5fb60b0313274685b27edbffe3e135f897b88744b";
    private const string EcSha256 = "8bf15949f650e70f7a575b15585084ac12af597642427a5ca00a427d421affa4";

    private static readonly Lazy<CloudKeys> Loaded = new(() => new CloudKeys(
        Resource("cloud-rsa.pub.der", RsaSha256),
        Resource("cloud-rsa.pub-padded.der", CoreRsaSha256),
        Resource("cloud-ec.pub.der", EcSha256)));

    /// <summary>The published keys, read from this assembly once and checked against their digests.</summary>
    public static CloudKeys Published => Loaded.Value;

    /// <summary>
    /// The block particle-cli's <c>keys server</c> writes to the platform's server key slot (keys-specs.js):
    /// EC for the Electron's UDP, the 2048-byte padded file for the Core, the 512-byte RSA block otherwise.
    /// </summary>
    public byte[] SlotFor(Platform platform) =>
        KeySlots.For(platform).Ec ? EcSlot : platform == Platform.Core ? CoreRsaSlot : RsaSlot;

    /// <summary>The SubjectPublicKeyInfo DER the platform's published block starts with: the cloud's key without padding or address.</summary>
    public byte[] KeyFor(Platform platform)
    {
        var block = SlotFor(platform);
        return block[..(DerLength.Of(block) ?? throw new InvalidDataException("the published cloud key does not start with a DER structure"))];
    }

    private static byte[] Resource(string name, string sha256)
    {
        var assembly = typeof(CloudKeys).Assembly;
        using var stream = assembly.GetManifestResourceStream($"CloudKeys/{name}")
            ?? throw new InvalidDataException($"the cloud key '{name}' is missing from {assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Verified(name, copy.ToArray(), sha256);
    }

    internal static byte[] Verified(string name, byte[] bytes, string sha256)
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != sha256)
            throw new InvalidDataException($"the cloud key '{name}' has SHA-256 {actual}, not the published {sha256}: this build is damaged");
        return bytes;
    }
}
