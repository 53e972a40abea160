using System.Diagnostics;
using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// Issue 17, point 6: the real DFU engine against the simulated Photon on a REAL clock (the simulator sleeps for
/// the bus and the flash as its timing model says): a whole-flash backup (1 MiB, the Backup job's operation) and a
/// 128 KiB user-firmware write at 0x080A0000 (erase, write, read back and compare), each against the model's
/// ceiling (<see cref="DfuCeiling"/>).
/// </summary>
public static class DfuScenario
{
    public const string Name = "dfu";
    private const string DeviceId = "3c002b000347343339373536";
    private const uint UserFirmware = 0x080A0000;
    private const int UserFirmwareLength = 128 * 1024;
    private const int WholeFlash = 1024 * 1024;

    public static IReadOnlyList<Figure> Run(bool quick, TextWriter log)
    {
        var samples = quick ? 2 : 8;
        var profile = DeviceProfile.For(Platform.Photon);
        var firmware = new byte[UserFirmwareLength];
        new Random(17).NextBytes(firmware);

        var backup = Measure("backup 1 MiB (whole flash)", samples, session =>
        {
            var image = RecoveryOperations.Backup(session, Platform.Photon, progress: null, CancellationToken.None).BackupImage!;
            if (image.Length != WholeFlash) throw new InvalidOperationException($"the backup read {image.Length} bytes, not {WholeFlash}");
        });
        var write = Measure("write 128 KiB user firmware (erase, write, verify)", samples,
            session => session.Write(0, UserFirmware, firmware));
        log.WriteLine($"  {backup.Name}: {backup.Median:N0} ms; {write.Name}: {write.Median:N0} ms");

        return
        [
            Against(backup, DfuCeiling.Read(profile, WholeFlash)),
            Against(write, DfuCeiling.Write(profile, 0, UserFirmware, UserFirmwareLength)),
        ];
    }

    private static Figure Against(Measurement achieved, TimeSpan ceiling) =>
        new(Name, achieved, new Measurement("timing model's ceiling", "ms", [ceiling.TotalMilliseconds]), DfuCeiling.Formula);

    /// <summary>A fresh device and session per sample, after one unmeasured warm-up.</summary>
    private static Measurement Measure(string name, int samples, Action<DfuSession> operation)
    {
        var times = new List<double>();
        for (var i = 0; i <= samples; i++)
        {
            var clock = new RealClock();
            var device = new SimulatedDfuDevice(SimulatedDeviceSpec.Parse($"photon:{DeviceId}:healthy"), clock);
            using var session = new DfuSession(device, clock);
            var started = Stopwatch.GetTimestamp();
            operation(session);
            if (i > 0) times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return new Measurement(name, "ms", times);
    }
}
