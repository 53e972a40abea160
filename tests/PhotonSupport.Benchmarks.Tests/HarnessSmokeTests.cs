using System.Text.Json;

namespace PhotonSupport.Benchmarks.Tests;

/// <summary>The harness as <c>./bench.sh --quick --only dfu</c> runs it: the scenario that needs no database.</summary>
public sealed class HarnessSmokeTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("photonsupport-bench-test-");

    private string Output => Path.Combine(_folder.FullName, "bench", "latest.json");

    [Fact]
    public async Task The_quickest_run_writes_every_figure_with_its_baseline_in_the_stable_json_shape()
    {
        var (exit, stdout, _) = await RunAsync("--quick", "--only", "dfu", "--output", Output);

        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Output, TestContext.Current.CancellationToken));
        var root = json.RootElement;
        root.GetProperty("schema").GetInt32().ShouldBe(1);
        root.GetProperty("mode").GetString().ShouldBe("quick");
        root.GetProperty("machine").GetProperty("cores").GetInt32().ShouldBeGreaterThan(0);
        foreach (var field in new[] { "os", "dotnet", "postgres", "fsync", "synchronousCommit" })
            root.GetProperty("machine").GetProperty(field).GetString().ShouldNotBeNullOrWhiteSpace();

        var figures = root.GetProperty("figures").EnumerateArray().ToArray();
        figures.Select(f => f.GetProperty("name").GetString()).ShouldBe(
            ["backup 1 MiB (whole flash)", "write 128 KiB user firmware (erase, write, verify)"]);
        foreach (var figure in figures)
        {
            figure.GetProperty("scenario").GetString().ShouldBe("dfu");
            ShouldBeAMeasurement(figure);
            ShouldBeAMeasurement(figure.GetProperty("baseline"));
            figure.GetProperty("baseline").GetProperty("name").GetString().ShouldBe("timing model's ceiling");
            figure.GetProperty("ratio").GetDouble().ShouldBeGreaterThan(0);
        }
        stdout.ShouldContain("| scenario | figure | unit | n | median | p95 | p99 | baseline | n | median | p95 | p99 | ratio |");
        stdout.ShouldContain("| dfu | backup 1 MiB (whole flash) | ms |");
    }

    [Fact]
    public async Task An_unknown_scenario_is_refused_with_the_usage_and_nothing_is_written()
    {
        var (exit, _, stderr) = await RunAsync("--only", "fax", "--output", Output);

        exit.ShouldBe(2);
        stderr.ShouldContain("no scenario 'fax'");
        stderr.ShouldContain("usage: bench");
        File.Exists(Output).ShouldBeFalse();
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static void ShouldBeAMeasurement(JsonElement measurement)
    {
        measurement.GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
        measurement.GetProperty("unit").GetString().ShouldBe("ms");
        measurement.GetProperty("samples").GetInt32().ShouldBeGreaterThan(0);
        foreach (var statistic in new[] { "median", "p95", "p99" })
            measurement.GetProperty(statistic).GetDouble().ShouldBeGreaterThan(0);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await BenchProgram.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
