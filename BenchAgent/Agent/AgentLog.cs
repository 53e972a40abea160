using PhotonSupport.Domain.Agents;

namespace PhotonSupport.BenchAgent.Agent;

/// <summary>The daemon's log lines: time, then job and device ids, so a bench's history can be grepped.</summary>
public sealed class AgentLog(TextWriter output, TimeProvider clock)
{
    public void Info(string message) => Write($"agent: {message}");

    public void Job(ClaimedJob job, string message) => Write($"job {job.JobId} device {job.DeviceId}: {message}");

    private void Write(string line)
    {
        lock (output) output.WriteLine($"{clock.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {line}");
    }
}
