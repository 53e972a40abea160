using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;

using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Simulator;

/// <summary>A simulated device on a virtual clock, with a host to talk to it.</summary>
internal sealed record Bench(SimulatedDfuDevice Device, VirtualClock Clock, DfuHost Host)
{
    public const string DeviceId = "0123456789abcdef01234567";

    public static CloudKeys CloudKeys { get; } = CloudKeys.Published;

    public static Bench Of(string spec)
    {
        var clock = new VirtualClock();
        var device = new SimulatedDfuDevice(SimulatedDeviceSpec.Parse(spec), clock);
        return new Bench(device, clock, new DfuHost(device));
    }

    public static Bench Photon(string scenario = "healthy") => Of($"photon:{DeviceId}:{scenario}");

    public static Bench Core(string scenario = "healthy") => Of($"core:{DeviceId}:{scenario}");
}
