namespace PhotonSupport.Api.Tests.Agent;

/// <summary>The agent's log, which a test can wait on: a line containing some words is an event the test waits for.</summary>
public sealed class WatchedLog : StringWriter
{
    private readonly List<(string Words, TaskCompletionSource Seen)> _watches = [];

    /// <summary>Completes when a line containing <paramref name="words"/> is written.</summary>
    public Task Line(string words)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_watches) _watches.Add((words, seen));
        return seen.Task;
    }

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        lock (_watches)
        {
            foreach (var (words, seen) in _watches)
                if (value?.Contains(words, StringComparison.Ordinal) == true) seen.TrySetResult();
        }
    }
}
