using Org.BouncyCastle.Security;

namespace PhotonSupport.Domain.Jobs;

/// <summary>
/// A server other than the Particle cloud for a RestoreServerKey job: its public key (DER, as
/// <c>particle keys server</c> takes it) and where the device finds it.
/// </summary>
public sealed record PrivateCloud(byte[] ServerKey, string Address, int? Port)
{
    /// <summary>The slot's address field holds a type byte, a length byte and the name with its NUL.</summary>
    public const int MaxAddressLength = 61;

    public static bool IsPublicKey(byte[]? der)
    {
        if (der is null || der.Length == 0) return false;
        try
        {
            return !PublicKeyFactory.CreateKey(der).IsPrivate;
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or SecurityUtilityException)
        {
            return false; // not DER, or DER of something that is not a public key
        }
    }
}
