using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Cli;

/// <summary><c>list</c>: the Particle devices in DFU mode attached to this bench.</summary>
public static class ListCommand
{
    public static int Run(IReadOnlyList<IDfuDeviceSource> sources, TextWriter output)
    {
        var devices = sources.SelectMany(s => s.List()).ToArray();
        if (devices.Length == 0)
        {
            output.WriteLine("No DFU devices attached.");
            return 0;
        }
        foreach (var device in devices)
        {
            var platform = ParticleDfuDevices.PlatformOf(device.VendorId, device.ProductId)?.ToString() ?? "unknown platform";
            // A serial number without a device id still tells the operator which device it is.
            var deviceId = ParticleDfuDevices.DeviceIdFromSerial(device.SerialNumber) ?? $"serial \"{device.SerialNumber}\"";
            output.WriteLine($"{device.UsbId}  {platform,-8}  {deviceId}  {device.Location}");
        }
        output.WriteLine(devices.Length == 1 ? "1 DFU device attached." : $"{devices.Length} DFU devices attached.");
        return 0;
    }
}
