using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;

using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>
/// A bench of simulated devices standing in for the USB bus: the ones in DFU mode are listed, and a
/// device that reset out of DFU or was unplugged disappears until it re-enters DFU.
/// </summary>
public sealed class SimulatedDeviceSource(IBenchClock clock) : IDfuDeviceSource
{
    private readonly List<SimulatedDfuDevice> _devices = [];

    public IReadOnlyList<SimulatedDfuDevice> Devices => _devices;

    /// <summary>Plugs in a device described by a spec string (<see cref="SimulatedDeviceSpec.Parse"/>).</summary>
    public SimulatedDfuDevice Add(string spec) => Add(SimulatedDeviceSpec.Parse(spec));

    public SimulatedDfuDevice Add(SimulatedDeviceSpec spec)
    {
        if (_devices.Any(d => d.DeviceId == spec.DeviceId)) throw new ArgumentException($"device {spec.DeviceId} is already on the bench", nameof(spec));
        var device = new SimulatedDfuDevice(spec, clock, $"sim-{_devices.Count + 1}");
        _devices.Add(device);
        return device;
    }

    public IReadOnlyList<DfuDeviceInfo> List() => _devices.Where(d => d.IsOnBus).Select(d => d.Device).ToArray();

    public IDfuTransport Open(DfuDeviceInfo device)
    {
        var found = _devices.FirstOrDefault(d => d.Device == device)
                    ?? throw new UsbTransferException(UsbFailure.DeviceGone, $"no simulated device {device.SerialNumber} at {device.Location}");
        found.Claim();
        return found;
    }
}
