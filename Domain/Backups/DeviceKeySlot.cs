using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Domain.Backups;

/// <summary>
/// What a device private key slot holds (particle-facts.md, "The application DCT"), described by its public
/// half, and whether the device public key a Photon or P1 DCT keeps beside it (offset 1250) is that half.
/// </summary>
internal static class DeviceKeySlot
{
    public static DeviceKeyFinding Read(Platform platform, ReadOnlySpan<byte> keyArea, List<string> notes)
    {
        var slots = KeySlots.For(platform);
        var slot = keyArea.Slice((int)slots.DevicePrivateKey, slots.DevicePrivateKeySize);
        var algorithm = slots.Ec ? "ec-p256" : "rsa-1024";
        if (KeySlotBytes.Erased(slot))
        {
            notes.Add("The device private key slot is erased: the device cannot prove its identity to the cloud.");
            return new DeviceKeyFinding(KeyCondition.Missing, null, null, null);
        }
        if (PublicKeyOf(slot, slots.Ec) is not { } publicKey)
        {
            notes.Add($"The device private key slot holds bytes that are not an {algorithm} private key (damaged or truncated): "
                + "the device cannot prove its identity to the cloud.");
            return new DeviceKeyFinding(KeyCondition.Corrupt, null, null, null);
        }
        var matches = KeepsPublicKey(platform) ? StoredPublicKeyMatches(keyArea.Slice(DctLayout.DevicePublicKey, DctLayout.DevicePublicKeySize), publicKey.Key) : null;
        if (matches == false)
            notes.Add("The device public key the DCT keeps is not the public half of its private key.");
        return new DeviceKeyFinding(KeyCondition.Valid, algorithm, Convert.ToHexStringLower(SHA256.HashData(publicKey.Der)), matches);
    }

    // A TCP Photon or P1 keeps its public key in the DCT; the Electron's field holds its RSA key, not the EC
    // one it uses, and a Core keeps none.
    private static bool KeepsPublicKey(Platform platform) => platform is Platform.Photon or Platform.P1;

    /// <summary>The public half when the slot holds a private key of the kind and size the slot is for.</summary>
    private static (byte[] Der, AsymmetricKeyParameter Key)? PublicKeyOf(ReadOnlySpan<byte> slot, bool ec)
    {
        if (DevicePrivateKeys.PublicKeyOf(slot) is not { } der) return null;
        var key = PublicKeyFactory.CreateKey(der);
        var rightKind = key switch
        {
            RsaKeyParameters rsa => !ec && rsa.Modulus.BitLength == 1024,
            ECPublicKeyParameters p256 => ec && SecObjectIdentifiers.SecP256r1.Equals(p256.PublicKeyParamSet),
            _ => false,
        };
        return rightKind ? (der, key) : null;
    }

    /// <summary>
    /// Compares the stored RSA public key, kept as a SubjectPublicKeyInfo or as a PKCS#1 RSAPublicKey, with
    /// the private key's public half by modulus and exponent; null when the field is erased.
    /// </summary>
    private static bool? StoredPublicKeyMatches(ReadOnlySpan<byte> field, AsymmetricKeyParameter derived)
    {
        if (KeySlotBytes.Erased(field)) return null;
        if (derived is not RsaKeyParameters rsa || DerLength.Of(field) is not { } length) return false;
        try
        {
            var sequence = Asn1Sequence.GetInstance(field[..length].ToArray());
            var stored = sequence.Count == 2 && sequence[0] is Asn1Sequence
                ? RsaPublicKeyStructure.GetInstance(SubjectPublicKeyInfo.GetInstance(sequence).ParsePublicKey())
                : RsaPublicKeyStructure.GetInstance(sequence);
            return stored.Modulus.Equals(rsa.Modulus) && stored.PublicExponent.Equals(rsa.Exponent);
        }
        catch (Exception e) when (DerParsing.IsMalformed(e))
        {
            return false; // something is kept there, and it is not this key
        }
    }
}
