using PhotonSupport.Benchmarks.Scenarios;

namespace PhotonSupport.Benchmarks;

/// <summary>
/// <c>[--quick] [--only NAME[,NAME...]] [--output FILE]</c>. Quick runs every scenario briefly (the same figures,
/// fewer samples); <c>--only</c> picks scenarios by name (<see cref="Scenarios"/>).
/// </summary>
public sealed record BenchOptions(bool Quick, IReadOnlySet<string> Only, string Output)
{
    public const string Usage = "usage: bench [--quick] [--only throughput,latency,dispatch,queries,dfu,coldstart,mail,micro] [--output FILE]";

    public static readonly IReadOnlyList<string> Scenarios =
        [ThroughputScenario.Name, LatencyScenario.Name, DispatchScenario.Name, QueriesScenario.Name, DfuScenario.Name,
            ColdStartScenario.Name, MailScenario.Name, MicroScenario.Name];

    public static readonly string DefaultOutput = Path.Combine(".data", "bench", "latest.json");

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    /// <summary>The options, or null with the reason on <paramref name="error"/>.</summary>
    public static BenchOptions? Parse(string[] args, TextWriter error)
    {
        var quick = false;
        var only = new HashSet<string>(StringComparer.Ordinal);
        var output = DefaultOutput;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--only" when i + 1 < args.Length:
                    foreach (var name in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!Scenarios.Contains(name)) return Refuse(error, $"no scenario '{name}'");
                        only.Add(name);
                    }
                    break;
                case "--output" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                default:
                    return Refuse(error, $"unknown or incomplete argument '{args[i]}'");
            }
        }
        return new BenchOptions(quick, only, output);
    }

    private static BenchOptions? Refuse(TextWriter error, string reason)
    {
        error.WriteLine($"bench: {reason}");
        error.WriteLine(Usage);
        return null;
    }
}
