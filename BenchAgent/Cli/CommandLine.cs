namespace PhotonSupport.BenchAgent.Cli;

/// <summary>
/// From the words a technician typed to a command and its exit code. Help (<c>--help</c>, <c>-h</c>,
/// <c>help [COMMAND]</c>) goes to stdout with exit 0; a command line that is wrong goes to stderr with
/// the command's usage and exit 2.
/// </summary>
public static class CommandLine
{
    public static int Run(IReadOnlyList<CliCommand> commands, IReadOnlyList<string> args, CliConsole console)
    {
        if (args.Count == 0)
        {
            HelpText.WriteCommands(commands, console.Error);
            return ExitCodes.Usage;
        }
        if (args[0] is "help" or "-h" or "--help")
            return Help(commands, args.Skip(1).ToArray(), console);

        if (Find(commands, args[0], console.Error) is not { } command) return ExitCodes.Usage;
        var rest = args.Skip(1).ToArray();
        if (rest.Any(IsHelp))
        {
            HelpText.WriteCommand(command, console.Out);
            return ExitCodes.Done;
        }
        try
        {
            return command.Run(CliArguments.Parse(rest, command), console);
        }
        catch (CliUsageException e)
        {
            console.Error.WriteLine(e.Message);
            console.Error.WriteLine(HelpText.Usage(command));
            console.Error.WriteLine($"'{HelpText.Program} {command.Name} --help' says more.");
            return ExitCodes.Usage;
        }
    }

    private static bool IsHelp(string arg) => arg is "-h" or "--help";

    private static int Help(IReadOnlyList<CliCommand> commands, string[] topic, CliConsole console)
    {
        if (topic.Length == 0)
        {
            HelpText.WriteCommands(commands, console.Out);
            return ExitCodes.Done;
        }
        if (topic.Length > 1)
        {
            console.Error.WriteLine($"help takes one command name, not '{string.Join(" ", topic)}'.");
            return ExitCodes.Usage;
        }
        if (Find(commands, topic[0], console.Error) is not { } command) return ExitCodes.Usage;
        HelpText.WriteCommand(command, console.Out);
        return ExitCodes.Done;
    }

    private static CliCommand? Find(IReadOnlyList<CliCommand> commands, string name, TextWriter error)
    {
        if (commands.FirstOrDefault(c => c.Name == name) is { } command) return command;
        error.WriteLine($"unknown command '{name}'{NearMiss.Hint(name, commands.Select(c => c.Name))}.");
        HelpText.WriteCommands(commands, error);
        return null;
    }
}
