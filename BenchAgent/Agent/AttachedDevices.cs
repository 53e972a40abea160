using PhotonSupport.BenchAgent.Usb;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Agent;

/// <summary>A device in DFU mode that the agent can work on: recognised platform, readable device id.</summary>
public sealed record AttachedDevice(DfuDeviceInfo Usb, string DeviceId, Platform Platform);

public static class AttachedDevices
{
    /// <summary>The Particle devices in DFU mode on every source; anything else on the bus is not ours to touch.</summary>
    public static IReadOnlyList<(AttachedDevice Device, IDfuDeviceSource Source)> List(IEnumerable<IDfuDeviceSource> sources) =>
        (from source in sources
         from usb in source.List()
         let platform = ParticleDfuDevices.PlatformOf(usb.VendorId, usb.ProductId)
         let deviceId = ParticleDfuDevices.DeviceIdFromSerial(usb.SerialNumber)
         where platform is not null && deviceId is not null
         select (new AttachedDevice(usb, deviceId, platform.Value), source)).ToArray();
}
