using System.Globalization;
using System.Text.RegularExpressions;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Usb;

/// <summary>Recognises a Particle device in DFU mode: its platform from the USB id, its device id from the serial number.</summary>
public static partial class ParticleDfuDevices
{
    private static readonly Dictionary<(ushort VendorId, ushort ProductId), Platform> PlatformsByDfuId =
        PlatformCatalog.All.ToDictionary(p => ParseUsbId(PlatformCatalog.Describe(p).DfuUsbId));

    /// <returns>The platform whose DFU-mode USB id this is, or null for any other device.</returns>
    public static Platform? PlatformOf(ushort vendorId, ushort productId) =>
        PlatformsByDfuId.TryGetValue((vendorId, productId), out var platform) ? platform : null;

    // A run of exactly 24 hex digits: a longer run is some other number, not the MCU's 96-bit id.
    [GeneratedRegex("(?<![0-9a-fA-F])[0-9a-fA-F]{24}(?![0-9a-fA-F])")]
    private static partial Regex DeviceIdRun();

    /// <summary>
    /// The device id carried in a Gen 1/Gen 2 USB serial number string: its first run of 24 hex
    /// digits, lower-cased (particle-facts.md, "Platforms").
    /// </summary>
    /// <returns>null when the serial number holds no such run.</returns>
    public static string? DeviceIdFromSerial(string serialNumber) =>
        DeviceIdRun().Match(serialNumber) is { Success: true } match ? DeviceIds.Normalize(match.Value) : null;

    private static (ushort, ushort) ParseUsbId(string usbId)
    {
        var parts = usbId.Split(':');
        return (ushort.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ushort.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}
