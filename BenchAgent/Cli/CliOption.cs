namespace PhotonSupport.BenchAgent.Cli;

/// <summary>
/// One option a command accepts: <c>--name</c>, maybe a one-letter <c>-x</c> as well, and a value
/// (named <see cref="Value"/> in the help) unless it is a switch.
/// </summary>
public sealed record CliOption(string Name, string Help, string? Value = null, char? Short = null, bool Required = false, bool Repeatable = false)
{
    public static CliOption HelpSwitch { get; } = new("help", "this help", Short: 'h');

    public static CliOption Device { get; } = new("device", "the device id (24 hex characters, as list shows it)", "ID", Required: true);

    public static CliOption Yes { get; } = new("yes", "write without asking for confirmation");

    /// <summary>Where a command finds its devices; every command that touches one takes these.</summary>
    public static IReadOnlyList<CliOption> Bench { get; } =
    [
        new("simulate", "attach a simulated device: platform:deviceId[:scenario][:fault]... (repeatable; see below)", "SPEC", Repeatable: true),
        new("no-usb", "leave libusb closed: only simulated devices"),
        new("virtual-time", "simulated flash work takes no wall time"),
    ];

    public bool IsSwitch => Value is null;

    /// <summary>How the option may be typed: <c>--output</c> and, with a short form, <c>-o</c>.</summary>
    public IEnumerable<string> Spellings => Short is { } letter ? [$"-{letter}", $"--{Name}"] : [$"--{Name}"];

    /// <summary>The shortest spelling with its value, as the usage line shows it: <c>-o FILE</c>, <c>--yes</c>.</summary>
    public string Usage => Spellings.First() + (IsSwitch ? "" : " " + Value);

    /// <summary>Every spelling with the value, as the option list shows it: <c>-o, --output FILE</c>.</summary>
    public string Listing => string.Join(", ", Spellings) + (IsSwitch ? "" : " " + Value);
}
