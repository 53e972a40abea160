using Org.BouncyCastle.Security;

namespace PhotonSupport.Domain.Devices;

/// <summary>
/// The exceptions BouncyCastle throws for bytes that are not the DER it was asked to read. A key slot
/// read from a backup can hold anything (erased, truncated, another key, noise), and that is a finding,
/// not a failure; anything else BouncyCastle throws is a bug and is left to escape.
/// </summary>
internal static class DerParsing
{
    public static bool IsMalformed(Exception e) =>
        e is ArgumentException or InvalidCastException or IOException or InvalidOperationException or FormatException or ArithmeticException
            or SecurityUtilityException;
}
