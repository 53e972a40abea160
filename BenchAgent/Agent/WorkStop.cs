namespace PhotonSupport.BenchAgent.Agent;

/// <summary>Stops a job's device work at its next block, remembering why, so the report can say so.</summary>
public sealed class WorkStop : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public CancellationToken Token => _stop.Token;

    public string? Reason { get; private set; }

    public void Stop(string reason)
    {
        Reason ??= reason;
        _stop.Cancel();
    }

    public void Dispose() => _stop.Dispose();
}
