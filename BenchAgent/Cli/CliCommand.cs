namespace PhotonSupport.BenchAgent.Cli;

/// <summary>The streams a command talks through: the real console, or writers a test reads.</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    public static CliConsole System { get; } = new(Console.In, Console.Out, Console.Error);
}

/// <summary>
/// One subcommand: its name, a line for the command list, the options and the operand (a FILE) it
/// accepts, the exit codes it can end with, and what runs it once its arguments parsed.
/// </summary>
public sealed record CliCommand(string Name, string Summary, IReadOnlyList<CliOption> Options, Func<CliArguments, CliConsole, int> Run)
{
    /// <summary>The one positional argument the command takes (FILE), or null when it takes none.</summary>
    public string? Operand { get; init; }

    /// <summary>The codes it can end with (<see cref="Cli.ExitCodes"/>), as its help lists them.</summary>
    public required IReadOnlyList<int> ExitCodes { get; init; }

    /// <summary>Paragraphs the help prints after the options: what the command checks, how it ends.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Options the command no longer takes, each with what to do instead (the parser's message for it).</summary>
    public IReadOnlyDictionary<string, string> Retired { get; init; } = new Dictionary<string, string>();

    /// <summary>The options as the parser and the help see them: the command's own plus <c>-h, --help</c>.</summary>
    public IEnumerable<CliOption> AllOptions => [.. Options, CliOption.HelpSwitch];

    public CliOption? Find(string spelling) => AllOptions.FirstOrDefault(o => o.Spellings.Contains(spelling, StringComparer.Ordinal));

    public bool TakesSimulatedDevices => Options.Any(o => o.Name == "simulate");
}
