namespace PhotonSupport.BenchAgent.Cli;

/// <summary>
/// A command's arguments, checked against what the command accepts: <c>--name value</c> (or
/// <c>--name=value</c>, or a short <c>-x value</c>), <c>--flag</c> switches, and its one operand.
/// Anything else is a usage error naming the culprit, never silently ignored.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private string? _operand;

    private CliArguments()
    {
    }

    public static CliArguments Parse(IReadOnlyList<string> args, CliCommand command)
    {
        var parsed = new CliArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!IsOption(arg))
            {
                parsed.AddOperand(arg, command);
                continue;
            }
            var equals = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=') : -1;
            var spelling = equals < 0 ? arg : arg[..equals];
            if (command.Retired.TryGetValue(spelling, out var instead)) throw new CliUsageException(instead);
            var option = command.Find(spelling) ?? throw Unknown(spelling, command);
            var values = parsed._options.TryGetValue(option.Name, out var given) ? given : parsed._options[option.Name] = [];
            if (option.IsSwitch)
            {
                if (equals >= 0) throw new CliUsageException($"{spelling} takes no value.");
                continue;
            }
            if (values.Count > 0 && !option.Repeatable) throw new CliUsageException($"{spelling} is given twice; {command.Name} takes one.");
            // A value that looks like an option means the value was forgotten: "--device -o FILE".
            values.Add(equals >= 0 ? arg[(equals + 1)..]
                : i + 1 < args.Count && !IsOption(args[i + 1]) ? args[++i]
                : throw new CliUsageException($"{spelling} needs a value ({option.Value})."));
        }

        if (command.Options.FirstOrDefault(o => o.Required && !parsed.Has(o.Name)) is { } missing)
            throw new CliUsageException($"{command.Name} needs {missing.Usage}.");
        if (command.Operand is { } operand && parsed._operand is null)
            throw new CliUsageException($"{command.Name} needs {operand}.");
        return parsed;
    }

    /// <summary>The operand the command declares; the parser has made sure it is there.</summary>
    public string Operand => _operand ?? throw new InvalidOperationException("this command takes no operand");

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public IReadOnlyList<string> Values(string name) => _options.TryGetValue(name, out var values) ? values : [];

    public string Required(string name) => Value(name) ?? throw new CliUsageException($"--{name} is required.");

    /// <summary>A lone "-" is a value (a conventional name for stdin/stdout), not an option.</summary>
    private static bool IsOption(string arg) => arg.Length > 1 && arg[0] == '-';

    private void AddOperand(string arg, CliCommand command)
    {
        if (command.Operand is null)
            throw new CliUsageException($"{command.Name} takes no argument '{arg}'; its options: {ValidOptions(command)}.");
        if (_operand is not null)
            throw new CliUsageException($"{command.Name} takes one {command.Operand}, not '{_operand}' and '{arg}'.");
        _operand = arg;
    }

    private static CliUsageException Unknown(string spelling, CliCommand command) => new(
        $"{command.Name}: unknown option {spelling}{NearMiss.Hint(spelling, command.AllOptions.SelectMany(o => o.Spellings))}; " +
        $"its options: {ValidOptions(command)}.");

    private static string ValidOptions(CliCommand command) => string.Join(", ", command.AllOptions.Select(o => string.Join("/", o.Spellings)));
}

/// <summary>The command line is wrong: the message says how; the exit code is 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
