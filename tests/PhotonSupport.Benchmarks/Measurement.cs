namespace PhotonSupport.Benchmarks;

/// <summary>One measured quantity: its samples and their median, p95 and p99 (nearest rank).</summary>
public sealed record Measurement(string Name, string Unit, IReadOnlyList<double> Samples)
{
    public double Median => Percentile(50);

    public double P95 => Percentile(95);

    public double P99 => Percentile(99);

    /// <summary>Nearest rank: the smallest sample at or above the given share of all samples; NaN without samples.</summary>
    public double Percentile(double percent)
    {
        if (Samples.Count == 0) return double.NaN;
        var sorted = Samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}

/// <summary>
/// A row of the report: a figure and the baseline measured beside it in the same run. The ratio is figure
/// median over baseline median, so for a rate below 1 means slower than the baseline, for a time above 1 does.
/// </summary>
public sealed record Figure(string Scenario, Measurement Value, Measurement Baseline, string? Note = null)
{
    public double Ratio => Value.Median / Baseline.Median;
}
