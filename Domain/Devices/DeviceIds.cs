using System.Text.RegularExpressions;

namespace PhotonSupport.Domain.Devices;

/// <summary>A device id is the MCU's 96-bit unique id: 24 hex characters, kept in lower case.</summary>
public static partial class DeviceIds
{
    public const int Length = 24;

    [GeneratedRegex("^[0-9a-fA-F]{24}$")]
    private static partial Regex Shape();

    public static bool IsValid(string? value) => value is not null && Shape().IsMatch(value);

    public static string Normalize(string value) => value.ToLowerInvariant();
}
