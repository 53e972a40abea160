using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// Issue 17, point 8: three small operations with BenchmarkDotNet, in this process (no child build), each beside
/// its floor (<see cref="MicroBenchmarks"/>): forensics of a 1 MiB Photon image against its SHA-256, a DfuSe
/// set-address command against one GETSTATUS, rendering an owner mail against reading its template files. A
/// sample is one measured iteration's time per operation; allocation is BenchmarkDotNet's bytes per operation.
/// </summary>
public static class MicroScenario
{
    public const string Name = "micro";

    private static readonly (string Operation, string Floor, string Label, string FloorLabel)[] Pairs =
    [
        (nameof(MicroBenchmarks.Forensics), nameof(MicroBenchmarks.Sha256), "BackupForensics.Analyze, 1 MiB Photon image", "SHA-256 of the same 1 MiB"),
        (nameof(MicroBenchmarks.SetAddressPointer), nameof(MicroBenchmarks.GetStatus), "DfuSe set-address command (simulator)", "one GETSTATUS (simulator)"),
        (nameof(MicroBenchmarks.RenderStatusUpdate), nameof(MicroBenchmarks.ReadTemplateFiles), "render the status-update mail", "read its two template files"),
    ];

    public static IReadOnlyList<Figure> Run(bool quick, TextWriter log)
    {
        var job = (quick ? Job.ShortRun : Job.ShortRun.WithIterationCount(15)).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(new ErrorsTo(log))
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "photonsupport-bench-micro"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<MicroBenchmarks>(config);
        if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success))
            throw new InvalidOperationException("BenchmarkDotNet could not measure every micro benchmark; its errors are above");

        var figures = new List<Figure>();
        foreach (var (operation, floor, label, floorLabel) in Pairs)
        {
            var (measured, baseline) = (Of(summary, operation), Of(summary, floor));
            figures.Add(new Figure(Name, Times(measured, label), Times(baseline, floorLabel)));
            figures.Add(new Figure(Name, Allocated(measured, label), Allocated(baseline, floorLabel)));
            log.WriteLine($"  {label}: {figures[^2].Value.Median:N0} ns, {figures[^1].Value.Median:N0} B; {floorLabel}: {figures[^2].Baseline.Median:N0} ns");
        }
        return figures;
    }

    private static BenchmarkReport Of(Summary summary, string method) =>
        summary.Reports.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);

    /// <summary>Each measured iteration's time per operation, BenchmarkDotNet's overhead taken off.</summary>
    private static Measurement Times(BenchmarkReport report, string name) =>
        new(name, "ns/op", report.AllMeasurements
            .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Result)
            .Select(m => m.Nanoseconds / m.Operations).ToArray());

    private static Measurement Allocated(BenchmarkReport report, string name) =>
        new($"{name}, allocated", "B/op", report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } bytes ? [bytes] : []);

    /// <summary>BenchmarkDotNet's own log is long; the harness's log gets its errors alone, and stdout nothing.</summary>
    private sealed class ErrorsTo(TextWriter log) : ILogger
    {
        public string Id => nameof(ErrorsTo);

        public int Priority => 0;

        public void Write(LogKind logKind, string text)
        {
            if (logKind == LogKind.Error) log.Write(text);
        }

        public void WriteLine() { }

        public void WriteLine(LogKind logKind, string text)
        {
            if (logKind == LogKind.Error) log.WriteLine(text);
        }

        public void Flush() => log.Flush();
    }
}
