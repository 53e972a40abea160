using System.Diagnostics;
using PhotonSupport.Api.Cli;
using PhotonSupport.Testing;
using PhotonSupport.Workers.Hosting;

namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// Issue 17, point 7: the Api started as a process of its own on a database of its own (schema applied and a
/// supervisor key made by <c>keys create</c> beforehand), timed from <c>Process.Start</c> to <c>GET /health</c>
/// answering 200 and to the first <c>POST /api/tickets</c> answered 201. It runs in the Production environment, as
/// deployed: Wolverine's handler code is the code <c>codegen write</c> generated, compiled into the Workers assembly, never compiled
/// at runtime. Baselines: the same executable doing nothing but print its usage (<c>keys</c> without arguments: the runtime and our assemblies, no host); start to
/// health ready; and a warm <c>POST /api/tickets</c> (the fifth) on the same process.
/// </summary>
public static class ColdStartScenario
{
    public const string Name = "coldstart";
    private const int WarmRequest = 5;
    private const string ProductionEnvironment = "--environment=Production";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan HealthPoll = TimeSpan.FromMilliseconds(10);

    public static async Task<IReadOnlyList<Figure>> RunAsync(PostgresServer postgres, bool quick, TextWriter log)
    {
        var samples = quick ? 2 : 5;
        var database = await postgres.CreateDatabaseAsync("photonsupport_bench_cold");
        await SchemaMigrations.ApplyAsync(database);
        var token = await CreateKeyAsync(database);
        var mailPickup = Directory.CreateTempSubdirectory("photonsupport-bench-cold-mail-");
        try
        {
            var runs = new List<Run>();
            // The first start after a build reads everything from disk; it is the warm-up, not counted.
            for (var i = 0; i <= samples; i++)
            {
                var run = await StartOnceAsync(database, token, mailPickup.FullName);
                if (i > 0) runs.Add(run);
            }
            var floor = new List<double>();
            for (var i = 0; i <= samples; i++)
            {
                var time = await UsageOnlyAsync();
                if (i > 0) floor.Add(time);
            }

            var health = new Measurement("process start → /health 200", "ms", runs.Select(r => r.Health).ToArray());
            var first = new Measurement("process start → first POST /api/tickets answered", "ms", runs.Select(r => r.FirstAnswered).ToArray());
            log.WriteLine($"  cold start: health {health.Median:N0} ms, first ticket {first.Median:N0} ms (median of {samples})");
            return
            [
                new Figure(Name, health, new Measurement("process start → exit of `keys` (usage only, no host)", "ms", floor)),
                new Figure(Name, first, health),
                new Figure(Name, new Measurement("first POST /api/tickets (request time)", "ms", runs.Select(r => r.FirstRequest).ToArray()),
                    new Measurement($"POST /api/tickets #{WarmRequest} on the same process", "ms", runs.Select(r => r.WarmRequest).ToArray())),
            ];
        }
        finally
        {
            mailPickup.Delete(recursive: true);
        }
    }

    private sealed record Run(double Health, double FirstAnswered, double FirstRequest, double WarmRequest);

    private static async Task<Run> StartOnceAsync(string database, string token, string mailPickup)
    {
        var url = new Uri($"http://127.0.0.1:{LocalScript.FreePort()}");
        var started = Stopwatch.GetTimestamp();
        await using var api = ProgramProcess.Api([.. BenchApi.Settings(database, url.ToString().TrimEnd('/'), mailPickup), ProductionEnvironment]);
        using var staff = BenchApi.Client(url, token);
        var health = await HealthyAsync(staff, started, api);

        var requests = new List<double>();
        double firstAnswered = 0;
        for (var i = 1; i <= WarmRequest; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            await TicketTraffic.OpenAsync(staff, CancellationToken.None);
            requests.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            if (i == 1) firstAnswered = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        return new Run(health, firstAnswered, requests[0], requests[^1]);
    }

    private static async Task<double> HealthyAsync(HttpClient client, long started, ProgramProcess api)
    {
        while (Stopwatch.GetElapsedTime(started) < Patience)
        {
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.IsSuccessStatusCode) return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(HealthPoll);
        }
        throw new TimeoutException($"the Api was not healthy within {Patience}:{Environment.NewLine}{string.Join(Environment.NewLine, api.Output)}");
    }

    /// <summary><c>keys</c> without a subcommand: prints the usage and exits 2 before any host or database.</summary>
    private static async Task<double> UsageOnlyAsync()
    {
        var started = Stopwatch.GetTimestamp();
        await using var usage = ProgramProcess.Api("keys");
        using var patience = new CancellationTokenSource(Patience);
        var exit = await usage.ExitCodeAsync(patience.Token);
        var time = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return exit == KeysCommand.BadArguments
            ? time
            : throw new InvalidOperationException($"`keys` exited {exit}, not with its usage:{Environment.NewLine}{string.Join(Environment.NewLine, usage.Output)}");
    }

    /// <summary><c>keys create</c> against the database, as an operator makes the first key; its token (the last line it prints).</summary>
    private static async Task<string> CreateKeyAsync(string database)
    {
        await using var create = ProgramProcess.Api(new Dictionary<string, string> { [PhotonSupportWiring.ConnectionStringVariable] = database },
            "keys", "create", "--role", "supervisor", "--name", "bench-cold");
        using var patience = new CancellationTokenSource(Patience);
        var exit = await create.ExitCodeAsync(patience.Token);
        var token = create.Output.LastOrDefault(l => l.StartsWith("ps_", StringComparison.Ordinal));
        return exit == 0 && token is not null
            ? token
            : throw new InvalidOperationException($"keys create failed ({exit}):{Environment.NewLine}{string.Join(Environment.NewLine, create.Output)}");
    }
}
