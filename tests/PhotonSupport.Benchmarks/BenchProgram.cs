using System.Diagnostics;
using PhotonSupport.Benchmarks.Scenarios;
using PhotonSupport.Testing;

namespace PhotonSupport.Benchmarks;

/// <summary>
/// Runs the scenarios on a PostgreSQL of its own with durable settings, then prints the machine and one Markdown
/// table to <c>output</c> and writes the same figures as JSON; progress goes to <c>log</c>.
/// </summary>
public static class BenchProgram
{
    public const int Succeeded = 0;
    public const int BadArguments = 2;

    private static readonly string[] NeedApi = [ThroughputScenario.Name, LatencyScenario.Name, DispatchScenario.Name, QueriesScenario.Name];
    private static readonly string[] NeedDatabase = [.. NeedApi, ColdStartScenario.Name, MailScenario.Name];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter log)
    {
        if (BenchOptions.Parse(args, log) is not { } options) return BadArguments;
        var clock = Stopwatch.StartNew();
        var figures = new List<Figure>();

        await using var postgres = NeedDatabase.Any(options.Runs) ? await PostgresServer.StartDurableAsync() : null;
        var database = postgres is null ? null : await postgres.CreateDatabaseAsync("photonsupport_bench");
        // The Api runs in Production here, which never creates the schema: it is applied first, as an operator does.
        if (database is not null) await SchemaMigrations.ApplyAsync(database);
        var machine = await Machine.DescribeAsync(database);
        log.WriteLine($"bench: {(options.Quick ? "quick" : "full")} run on {machine}");
        // Production flushes every commit; figures from a server that does not are no guide (PHOTONSUPPORT_TEST_PG may name one).
        if (database is not null && machine.Fsync != "on")
            log.WriteLine($"bench: WARNING: PostgreSQL runs with fsync {machine.Fsync}; the figures are not those of a durable server");

        if (NeedApi.Any(options.Runs))
        {
            await using var api = await BenchApi.StartAsync(database!);
            if (options.Runs(ThroughputScenario.Name))
                figures.AddRange(await Step(ThroughputScenario.Name, log, () => ThroughputScenario.RunAsync(api, database!, options.Quick, log)));
            if (options.Runs(LatencyScenario.Name))
                figures.AddRange(await Step(LatencyScenario.Name, log, () => LatencyScenario.RunAsync(api, options.Quick, log)));
            if (options.Runs(DispatchScenario.Name))
                figures.AddRange(await Step(DispatchScenario.Name, log, () => DispatchScenario.RunAsync(api, options.Quick, log)));
            // After the others: its hundred thousand tickets would change what they measure.
            if (options.Runs(QueriesScenario.Name))
                figures.AddRange(await Step(QueriesScenario.Name, log, () => QueriesScenario.RunAsync(api, database!, options.Quick, log)));
        }
        if (options.Runs(DfuScenario.Name))
            figures.AddRange(await Step(DfuScenario.Name, log, () => Task.FromResult(DfuScenario.Run(options.Quick, log))));
        if (options.Runs(MicroScenario.Name))
            figures.AddRange(await Step(MicroScenario.Name, log, () => Task.FromResult(MicroScenario.Run(options.Quick, log))));
        if (options.Runs(MailScenario.Name))
            figures.AddRange(await Step(MailScenario.Name, log, () => MailScenario.RunAsync(postgres!, options.Quick, log)));
        // Last and alone: the in-process Api is gone, so the child process starts on a quiet machine.
        if (options.Runs(ColdStartScenario.Name))
            figures.AddRange(await Step(ColdStartScenario.Name, log, () => ColdStartScenario.RunAsync(postgres!, options.Quick, log)));

        await Report.WriteJsonAsync(options.Output, options.Quick, machine, figures);
        output.WriteLine($"Machine: {machine}; {(options.Quick ? "--quick" : "full")} run");
        output.WriteLine();
        output.Write(Report.Table(figures));
        if (options.Runs(DfuScenario.Name)) output.WriteLine($"{Environment.NewLine}DFU {DfuCeiling.Formula}");
        log.WriteLine($"bench: done in {clock.Elapsed.TotalSeconds:0} s; figures in {Path.GetFullPath(options.Output)}");
        return Succeeded;
    }

    private static async Task<IReadOnlyList<Figure>> Step(string scenario, TextWriter log, Func<Task<IReadOnlyList<Figure>>> run)
    {
        log.WriteLine($"bench: {scenario}");
        var clock = Stopwatch.StartNew();
        var figures = await run();
        // What each scenario costs of the whole run's time budget (issue 17: the full run under 15 minutes).
        log.WriteLine($"bench: {scenario} took {clock.Elapsed.TotalSeconds:0} s");
        return figures;
    }
}
