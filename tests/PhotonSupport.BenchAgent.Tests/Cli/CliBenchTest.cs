using PhotonSupport.BenchAgent.Cli;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;

namespace PhotonSupport.BenchAgent.Tests.Cli;

/// <summary>
/// A bench of simulated devices the test holds (so it can read their flash afterwards), the CLI's
/// commands on it with captured output, and a folder for the files they read and write.
/// </summary>
public abstract class CliBenchTest : IDisposable
{
    protected const string DeviceId = Simulator.Bench.DeviceId;

    protected string Folder { get; } = Directory.CreateTempSubdirectory("bench-cli-").FullName;

    protected SimulatedDeviceSource Devices { get; } = new(new VirtualClock());

    protected StringWriter Output { get; } = new();

    protected StringWriter Error { get; } = new();

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected BenchCommands Commands(string input = "") =>
        new([Devices], new VirtualClock(), new CliConsole(new StringReader(input), Output, Error));

    /// <summary>The words after the command name, parsed against the command's real option table.</summary>
    protected static CliArguments Args(string command, params string[] args) =>
        CliArguments.Parse(args, CommandTable.All.Single(c => c.Name == command));

    /// <summary>The whole program's command line, as a technician types it, with no one at stdin.</summary>
    protected int Run(params string[] args) => CommandLine.Run(CommandTable.All, args, new CliConsole(new StringReader(""), Output, Error));

    protected string FileWith(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
