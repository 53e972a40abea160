using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;

namespace PhotonSupport.BenchAgent.Tests.Dfu;

/// <summary>A DfuSession over a simulated device, both on one virtual clock.</summary>
internal sealed record SimulatedBench(SimulatedDfuDevice Device, VirtualClock Clock, DfuSession Session) : IDisposable
{
    public const string DeviceId = "0123456789abcdef01234567";

    public const uint Gen2UserApp = 0x080A0000;

    public static SimulatedBench Of(string platform, params string[] scenarioAndFaults)
    {
        var clock = new VirtualClock();
        var spec = SimulatedDeviceSpec.Parse(string.Join(':', [platform, DeviceId, .. scenarioAndFaults]));
        var device = new SimulatedDfuDevice(spec, clock);
        return new SimulatedBench(device, clock, new DfuSession(device, clock));
    }

    /// <summary>Bytes no flash holds by accident: a fixed pseudo-random pattern.</summary>
    public static byte[] Pattern(int length, int seed = 17)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public void Dispose() => Session.Dispose();
}
