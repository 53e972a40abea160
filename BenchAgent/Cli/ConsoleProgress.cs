using System.Diagnostics;
using PhotonSupport.BenchAgent.Dfu;

namespace PhotonSupport.BenchAgent.Cli;

/// <summary>One progress line on stderr, redrawn in place: phase, address, percent, rate.</summary>
public sealed class ConsoleProgress(TextWriter output) : IProgress<DfuProgress>
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private string _phase = "";

    public void Report(DfuProgress value)
    {
        if (value.Phase != _phase)
        {
            if (_phase.Length > 0) output.WriteLine();
            _phase = value.Phase;
            _watch.Restart();
        }
        var percent = value.BytesTotal > 0 ? 100 * value.BytesDone / value.BytesTotal : 100;
        var rate = value.BytesDone / 1024.0 / Math.Max(_watch.Elapsed.TotalSeconds, 0.001);
        output.Write($"\r{value.Phase,-7} 0x{value.Address:x8} {percent,3}% {value.BytesDone,9:N0}/{value.BytesTotal:N0} bytes {rate,8:N1} KiB/s");
    }

    public void Done()
    {
        if (_phase.Length > 0) output.WriteLine();
    }
}
