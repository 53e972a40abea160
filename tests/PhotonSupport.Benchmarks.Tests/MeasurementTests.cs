namespace PhotonSupport.Benchmarks.Tests;

public sealed class MeasurementTests
{
    private static readonly double[] OneToHundred = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray();

    [Fact]
    public void Percentiles_are_the_nearest_rank_of_the_sorted_samples()
    {
        var measurement = new Measurement("x", "ms", OneToHundred);

        measurement.Median.ShouldBe(50);
        measurement.P95.ShouldBe(95);
        measurement.P99.ShouldBe(99);
    }

    [Fact]
    public void A_single_sample_is_every_percentile()
    {
        var measurement = new Measurement("ceiling", "ms", [1122.3]);

        measurement.Median.ShouldBe(1122.3);
        measurement.P99.ShouldBe(1122.3);
    }

    [Fact]
    public void The_ratio_is_the_figure_median_over_the_baseline_median()
    {
        var figure = new Figure("throughput", new Measurement("http", "requests/s", [100, 300, 200]),
            new Measurement("marten", "requests/s", [500, 400, 400]));

        figure.Ratio.ShouldBe(0.5);
    }

    [Fact]
    public void A_measurement_without_samples_has_no_median()
    {
        double.IsNaN(new Measurement("none", "ms", []).Median).ShouldBeTrue();
    }
}
