using System.Collections.Concurrent;
using System.Diagnostics;
using PhotonSupport.Workers.Hosting;

namespace PhotonSupport.Testing;

/// <summary>
/// One of the product's programs as its own process, the way a bench or a server runs it (the bench agent, the Api);
/// its output is kept for the test (or the benchmark) to read.
/// </summary>
public sealed class ProgramProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentBag<(string Words, TaskCompletionSource Seen)> _watches = [];

    private ProgramProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            _lines.Enqueue(e.Data);
            foreach (var (words, seen) in _watches)
                if (e.Data.Contains(words, StringComparison.Ordinal)) seen.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue("stderr: " + e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyCollection<string> Output => _lines.ToArray();

    public bool HasExited => _process.HasExited;

    public static ProgramProcess Agent(params string[] arguments) => Start("PhotonSupport.BenchAgent.dll", arguments);

    /// <summary>The bench agent's daemon with its key in the environment, as a bench keeps it off the command line.</summary>
    public static ProgramProcess AgentWithKey(string token, params string[] arguments) =>
        Start("PhotonSupport.BenchAgent.dll", arguments, new Dictionary<string, string> { ["PHOTONSUPPORT_AGENT_TOKEN"] = token });

    public static ProgramProcess Api(params string[] arguments) => Start("PhotonSupport.Api.dll", arguments);

    /// <summary>The headless background node (<c>dotnet run --project Workers</c>).</summary>
    public static ProgramProcess Workers(params string[] arguments) => Start("PhotonSupport.Workers.dll", arguments);

    /// <summary>The Api with <paramref name="environment"/> added to this process's own (e.g. the database for a <c>keys</c> command).</summary>
    public static ProgramProcess Api(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Start("PhotonSupport.Api.dll", arguments, environment);

    /// <summary>The Migrations console (<c>apply</c>, <c>check</c>, <c>script FILE</c>) on <paramref name="database"/>, as an operator runs it.</summary>
    public static ProgramProcess Migrations(string database, params string[] arguments) =>
        Start("PhotonSupport.Migrations.dll", arguments, new Dictionary<string, string> { [PhotonSupportWiring.ConnectionStringVariable] = database });

    private static ProgramProcess Start(string program, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return new ProgramProcess(Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start"));
    }

    /// <summary>Completes when the program prints a line containing <paramref name="words"/> (from now on).</summary>
    public Task LineAsync(string words)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _watches.Add((words, seen));
        return seen.Task;
    }

    /// <summary>Sends SIGTERM, as systemd stops the daemon, and gives the exit code.</summary>
    public async Task<int> TerminateAsync(CancellationToken cancellation)
    {
        Process.Start("kill", ["-TERM", _process.Id.ToString()])?.WaitForExit();
        return await ExitCodeAsync(cancellation);
    }

    /// <summary>SIGKILL, as <c>kill -9</c> or a lost machine ends it: no shutdown code runs, nothing is handed over.</summary>
    public async Task KillAsync(CancellationToken cancellation)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellation);
    }

    /// <summary>Waits for a command that ends by itself (not the daemon) and gives its exit code.</summary>
    public async Task<int> ExitCodeAsync(CancellationToken cancellation)
    {
        await _process.WaitForExitAsync(cancellation);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first: the agent finishes its job, the Api its requests, and each exits by itself.
            Process.Start("kill", ["-TERM", _process.Id.ToString()])?.WaitForExit();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }
}
