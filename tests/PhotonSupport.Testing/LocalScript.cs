using System.Net;
using System.Net.Sockets;

namespace PhotonSupport.Testing;

/// <summary>
/// Runs one of the project's <c>deploy/local</c> scripts (copied beside the test binaries) the way a person
/// would, bounded in time, and finds free loopback ports for the servers they start.
/// </summary>
public static class LocalScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, name);

    /// <summary>
    /// A fresh temporary folder for a server's files. Under root the scripts run the servers as an unprivileged
    /// account ('postgres', 'mail'), which must be able to pass through it (CreateTempSubdirectory makes it 0700).
    /// </summary>
    public static string ServiceFolder(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        return folder;
    }

    /// <summary>A port free right now; the caller retries when a server loses the race for it.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>The script's stdout; a failure or a timeout throws with both of its outputs.</summary>
    public static async Task<string> RunAsync(string script, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var command = $"bash {script} {string.Join(' ', args)}";
        Command.Result result;
        try
        {
            result = await Command.RunAsync("bash", [script, .. args], environment, Timeout);
        }
        catch (TimeoutException timedOut)
        {
            throw new LocalScriptException($"{command} {timedOut.Message}");
        }
        if (result.Exit != 0) throw new LocalScriptException($"{command} failed with {result}");
        return result.Stdout;
    }
}

/// <summary>Thrown when a <c>deploy/local</c> script fails; the message holds its stdout and stderr.</summary>
public sealed class LocalScriptException(string message) : Exception(message);
