using PhotonSupport.BenchAgent.Dfu;

namespace PhotonSupport.BenchAgent.Agent;

/// <summary>The last progress the device work reported, read by the heartbeat.</summary>
public sealed class LatestProgress : IProgress<DfuProgress>
{
    private DfuProgress? _last;

    public int Percent => Volatile.Read(ref _last) is { BytesTotal: > 0 } p ? (int)(100 * p.BytesDone / p.BytesTotal) : 0;

    public string Message => Volatile.Read(ref _last) is { } p ? $"{p.Phase} at 0x{p.Address:x8}" : "starting";

    public void Report(DfuProgress value) => Volatile.Write(ref _last, value);
}
