using PhotonSupport.BenchAgent.Usb;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Agent;

/// <summary>A device in DFU mode that the agent can work on: recognised platform, readable device id.</summary>
public sealed record AttachedDevice(DfuDeviceInfo Usb, string DeviceId, Platform Platform);

public static class AttachedDevices
{
    /// <summary>
    /// The Particle devices in DFU mode on every source; anything else on the bus is not ours to touch.
    /// Given <paramref name="unreadable"/>, a source that fails to list (no permission on the bus, a device
    /// that vanished mid-enumeration) is handed to it and skipped, and the other sources still count.
    /// </summary>
    public static IReadOnlyList<(AttachedDevice Device, IDfuDeviceSource Source)> List(
        IEnumerable<IDfuDeviceSource> sources, Action<IDfuDeviceSource, Exception>? unreadable = null)
    {
        var found = new List<(AttachedDevice, IDfuDeviceSource)>();
        foreach (var source in sources)
        {
            IReadOnlyList<DfuDeviceInfo> listed;
            try
            {
                listed = source.List();
            }
            catch (Exception e) when (unreadable is not null)
            {
                unreadable(source, e);
                continue;
            }
            found.AddRange(from usb in listed
                let platform = ParticleDfuDevices.PlatformOf(usb.VendorId, usb.ProductId)
                let deviceId = ParticleDfuDevices.DeviceIdFromSerial(usb.SerialNumber)
                where platform is not null && deviceId is not null
                select (new AttachedDevice(usb, deviceId, platform.Value), source));
        }
        return found;
    }
}
