namespace PhotonSupport.BenchAgent.Timing;

/// <summary>
/// Time as the DFU engine and the device simulator share it: real time at a bench, virtual time in
/// tests (sleeping advances the clock at once, so a 2-second sector erase costs the test nothing).
/// </summary>
public interface IBenchClock
{
    TimeSpan Elapsed { get; }

    void Sleep(TimeSpan duration);
}

public sealed class RealClock : IBenchClock
{
    private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();

    public TimeSpan Elapsed => _watch.Elapsed;

    public void Sleep(TimeSpan duration)
    {
        if (duration > TimeSpan.Zero) Thread.Sleep(duration);
    }
}

public sealed class VirtualClock : IBenchClock
{
    private long _ticks;

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public void Sleep(TimeSpan duration)
    {
        if (duration > TimeSpan.Zero) Interlocked.Add(ref _ticks, duration.Ticks);
    }
}
