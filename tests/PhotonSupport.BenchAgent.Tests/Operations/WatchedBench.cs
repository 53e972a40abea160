using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Tests.Dfu;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Operations;

/// <summary>A simulated device seen through a <see cref="TrippingTransport"/>, with a session over it.</summary>
internal sealed record WatchedBench(SimulatedDfuDevice Device, TrippingTransport Transport, DfuSession Session) : IDisposable
{
    public static WatchedBench Of(Platform platform, string scenarioOrFault, string? expectedDeviceId = null,
        CancellationTokenSource? cancel = null, int tripAfter = 0)
    {
        var clock = new VirtualClock();
        var device = new SimulatedDfuDevice(
            SimulatedDeviceSpec.Parse($"{platform.ToString().ToLowerInvariant()}:{SimulatedBench.DeviceId}:{scenarioOrFault}"), clock);
        var transport = new TrippingTransport(device, cancel, tripAfter);
        return new WatchedBench(device, transport, new DfuSession(transport, clock, expectedDeviceId));
    }

    public void Dispose() => Session.Dispose();
}
