using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Cli;

/// <summary>The usage lines and help pages, built from the commands' own option tables so they can't drift.</summary>
public static class HelpText
{
    public const string Program = "PhotonSupport.BenchAgent";

    /// <summary><c>usage: PhotonSupport.BenchAgent backup --device ID -o FILE [--simulate SPEC]... [--no-usb] [--virtual-time]</c></summary>
    public static string Usage(CliCommand command) =>
        string.Join(" ", [$"usage: {Program} {command.Name}",
            .. command.Options.Select(o => o.Required ? o.Usage : $"[{o.Usage}]{(o.Repeatable ? "..." : "")}"),
            .. command.Operand is { } operand ? [operand] : Array.Empty<string>()]);

    public static void WriteCommands(IReadOnlyList<CliCommand> commands, TextWriter to)
    {
        to.WriteLine($"usage: {Program} <command> [options]");
        to.WriteLine();
        to.WriteLine("commands:");
        var width = commands.Max(c => c.Name.Length) + 2;
        foreach (var command in commands) to.WriteLine($"  {command.Name.PadRight(width)}{command.Summary}");
        to.WriteLine();
        to.WriteLine($"'{Program} help COMMAND' or '{Program} COMMAND --help' lists a command's options, the simulator's");
        to.WriteLine("scenarios and faults, and its exit codes.");
    }

    public static void WriteCommand(CliCommand command, TextWriter to)
    {
        to.WriteLine(Usage(command));
        to.WriteLine();
        to.WriteLine(command.Summary);
        to.WriteLine();
        to.WriteLine("options:");
        var width = command.AllOptions.Max(o => o.Listing.Length) + 2;
        foreach (var option in command.AllOptions) to.WriteLine($"  {option.Listing.PadRight(width)}{option.Help}");
        foreach (var note in command.Notes)
        {
            to.WriteLine();
            to.WriteLine(note);
        }
        if (command.TakesSimulatedDevices) WriteSimulator(to);
        to.WriteLine();
        to.WriteLine("exit codes:");
        foreach (var code in command.ExitCodes) to.WriteLine($"  {code}  {ExitCodes.Meaning(code)}");
    }

    /// <summary>The simulator's vocabulary, read from the simulator itself so a new scenario or fault shows up here.</summary>
    private static void WriteSimulator(TextWriter to)
    {
        to.WriteLine();
        to.WriteLine("simulated devices (--simulate platform:deviceId[:scenario][:fault]..., e.g. photon:0123456789abcdef01234567:safe-mode:flaky-usb=9):");
        to.WriteLine($"  platforms: {string.Join(", ", PlatformCatalog.Names.Select(n => n.ToLowerInvariant()))}");
        to.WriteLine($"  scenarios: {string.Join(", ", SimulatedDeviceSpec.ScenarioNames)} (the first is the default)");
        to.WriteLine("  faults:");
        var width = SimulatorFaults.Vocabulary.Max(f => f.Syntax.Length) + 2;
        foreach (var fault in SimulatorFaults.Vocabulary) to.WriteLine($"    {fault.Syntax.PadRight(width)}{fault.Meaning}");
    }
}
