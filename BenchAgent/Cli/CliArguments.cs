namespace PhotonSupport.BenchAgent.Cli;

/// <summary>The bench CLI's arguments: <c>--name value</c> options, <c>--flag</c> switches, and positional values.</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _switches;

    private CliArguments(HashSet<string> switches) => _switches = switches;

    public List<string> Positional { get; } = [];

    /// <summary>Names in <paramref name="switches"/> take no value; every other <c>--name</c> takes the next argument.</summary>
    public static CliArguments Parse(IReadOnlyList<string> args, params string[] switches)
    {
        var parsed = new CliArguments([.. switches]);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Positional.Add(arg);
                continue;
            }
            var name = arg[2..];
            if (parsed._switches.Contains(name))
            {
                parsed._options[name] = [];
                continue;
            }
            if (i + 1 >= args.Count) throw new CliUsageException($"--{name} needs a value.");
            (parsed._options.TryGetValue(name, out var values) ? values : parsed._options[name] = []).Add(args[++i]);
        }
        return parsed;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    public IReadOnlyList<string> Values(string name) => _options.TryGetValue(name, out var values) ? values : [];

    public string Required(string name) => Value(name) ?? throw new CliUsageException($"--{name} is required.");
}

/// <summary>The command line is wrong: the message says how; the exit code is 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
