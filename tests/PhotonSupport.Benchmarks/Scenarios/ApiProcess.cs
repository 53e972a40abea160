using System.Diagnostics;

namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// The Api as its own process, <c>dotnet PhotonSupport.Api.dll</c> from the build output (copied beside the
/// harness), the way a server starts it. Its output is drained and kept for an error message.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private const string Program = "PhotonSupport.Api.dll";
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ApiProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output) return string.Join(Environment.NewLine, _output);
        }
    }

    public static ApiProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, Program));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return new ApiProcess(Process.Start(start) ?? throw new InvalidOperationException($"{Program} did not start"));
    }

    /// <summary>For a command that ends by itself (<c>keys …</c>): its exit code, within a bound.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(timeout.Token);
        // The asynchronous readers may still hold the last lines; this waits for them.
        await _process.WaitForExitAsync(CancellationToken.None);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM, as systemd stops it; the Api finishes its requests and exits by itself.
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

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
    }
}
