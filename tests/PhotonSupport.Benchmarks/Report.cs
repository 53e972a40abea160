using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PhotonSupport.Benchmarks;

/// <summary>The run's one Markdown table, and the same figures as JSON in a shape later runs and tools can rely on.</summary>
public static class Report
{
    /// <summary>Bumped when a field changes meaning or goes away.</summary>
    public const int Schema = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Readable by people too: µ, Σ and → as themselves.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Table(IReadOnlyList<Figure> figures)
    {
        var table = new StringBuilder();
        table.AppendLine("| scenario | figure | unit | n | median | p95 | p99 | baseline | n | median | p95 | p99 | ratio |");
        table.AppendLine("|---|---|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|");
        foreach (var f in figures)
        {
            table.AppendLine(string.Join(" | ",
                $"| {f.Scenario}", f.Value.Name, f.Value.Unit, f.Value.Samples.Count.ToString(CultureInfo.InvariantCulture),
                Number(f.Value.Median), Number(f.Value.P95), Number(f.Value.P99),
                f.Baseline.Name, f.Baseline.Samples.Count.ToString(CultureInfo.InvariantCulture),
                Number(f.Baseline.Median), Number(f.Baseline.P95), Number(f.Baseline.P99), Ratio(f.Ratio)) + " |");
        }
        return table.ToString();
    }

    public static async Task WriteJsonAsync(string path, bool quick, Machine machine, IReadOnlyList<Figure> figures)
    {
        var document = new
        {
            schema = Schema,
            measuredAt = DateTimeOffset.UtcNow,
            mode = quick ? "quick" : "full",
            machine,
            figures = figures.Select(f => new
            {
                scenario = f.Scenario,
                name = f.Value.Name,
                unit = f.Value.Unit,
                samples = f.Value.Samples.Count,
                median = Finite(f.Value.Median),
                p95 = Finite(f.Value.P95),
                p99 = Finite(f.Value.P99),
                baseline = new
                {
                    name = f.Baseline.Name,
                    unit = f.Baseline.Unit,
                    samples = f.Baseline.Samples.Count,
                    median = Finite(f.Baseline.Median),
                    p95 = Finite(f.Baseline.P95),
                    p99 = Finite(f.Baseline.P99),
                },
                ratio = Finite(f.Ratio),
                note = f.Note,
            }),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Json));
    }

    // JSON has no NaN: a figure without samples is null.
    private static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 3) : null;

    private static string Number(double value) =>
        !double.IsFinite(value) ? "-" : value >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.0#", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => double.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
