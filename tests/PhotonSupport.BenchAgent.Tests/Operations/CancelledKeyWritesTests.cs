using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Tests.Dfu;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Operations;

/// <summary>
/// Support may cancel a key job at any moment. Run the job once to count its control transfers, then
/// once per transfer k, cancelling right after transfer k: the key store must always end as it was or
/// as the finished job leaves it, never with an erased sector or half of each.
/// </summary>
public class CancelledKeyWritesTests
{
    private delegate void KeyJob(DfuSession session, Platform platform, CancellationToken cancellation);

    public static TheoryData<Platform, string> KeyJobs()
    {
        var data = new TheoryData<Platform, string>();
        foreach (var platform in new[] { Platform.Photon, Platform.Core })
        {
            foreach (var job in new[] { "restore-server-key", "regenerate-device-keys", "restore-backup" }) data.Add(platform, job);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KeyJobs))]
    public void Cancelling_after_any_transfer_leaves_the_old_keys_or_the_new_never_erased_or_mixed(Platform platform, string job)
    {
        var (scenario, run) = Job(platform, job);
        var before = Fresh(platform, scenario).Memory(1).Image();
        var finished = Run(platform, scenario, run, tripAfter: 0);
        finished.Cancelled.ShouldBeFalse();
        IsNew(job, platform, finished.KeyStore, before).ShouldBeTrue();

        var outcomes = new List<string>();
        for (var k = 1; k <= finished.Transfers; k++)
        {
            var cancelled = Run(platform, scenario, run, tripAfter: k);
            var old = cancelled.KeyStore.AsSpan().SequenceEqual(before);
            var done = job == "regenerate-device-keys"
                ? IsNew(job, platform, cancelled.KeyStore, before)
                : cancelled.KeyStore.AsSpan().SequenceEqual(finished.KeyStore);
            // A job that stopped wrote nothing; one that did not stop finished every write.
            if (cancelled.Cancelled) old.ShouldBeTrue($"stopped after transfer {k} of {finished.Transfers} with the key store changed");
            else done.ShouldBeTrue($"ran on after a cancel at transfer {k} of {finished.Transfers} without finishing its writes");
            outcomes.Add(cancelled.Cancelled ? "stopped" : "finished");
        }

        outcomes[^1].ShouldBe("finished");
        // The Core reads its 4 KiB sectors before it erases them: a cancel during those reads stops the job.
        // Gen 2 writes the slots at once, and the first of its transfers is already past the safe point.
        outcomes.Contains("stopped").ShouldBe(platform == Platform.Core);
    }

    private static (string Scenario, KeyJob Run) Job(Platform platform, string job) => job switch
    {
        "restore-server-key" => ("corrupt-server-key", (session, p, ct) =>
            RecoveryOperations.RestoreServerKey(session, p, CloudServer.Particle(p, CloudKeys.Published), null, ct)),
        "regenerate-device-keys" => ("healthy", (session, p, ct) => RecoveryOperations.RegenerateDeviceKeys(session, p, null, ct)),
        // The backup of the healthy device puts back the device key a wrong-device-key device lost.
        _ => ("wrong-device-key", RestoreFrom(HealthyBackup(platform))),
    };

    private static KeyJob RestoreFrom(byte[] backup) => (session, p, ct) => RecoveryOperations.RestoreBackup(session, p, backup, null, ct);

    private static byte[] HealthyBackup(Platform platform)
    {
        var device = Fresh(platform, "healthy");
        using var session = new DfuSession(device, new VirtualClock());
        return RecoveryOperations.Backup(session, platform, null, TestContext.Current.CancellationToken).BackupImage!;
    }

    /// <summary>A regenerated key: a private key of its own in the slot, 0xFF after it, nothing else changed.</summary>
    private static bool IsNew(string job, Platform platform, byte[] keyStore, byte[] before)
    {
        if (job != "regenerate-device-keys") return !keyStore.AsSpan().SequenceEqual(before);
        // particle-facts.md: the device private key at alt 1 offset 34 (612-byte slot); Core 0x2000 (1024).
        var (slot, size) = platform == Platform.Core ? (0x2000, 1024) : (34, 612);
        var key = keyStore.AsSpan(slot, size);
        return DerLength.Of(key) is { } length && key[length..].IndexOfAnyExcept((byte)0xFF) < 0
            && DevicePrivateKeys.PublicKeyOf(key) is not null
            && !key.SequenceEqual(before.AsSpan(slot, size))
            && keyStore.AsSpan(..slot).SequenceEqual(before.AsSpan(..slot))
            && keyStore.AsSpan(slot + size).SequenceEqual(before.AsSpan(slot + size));
    }

    private static (int Transfers, byte[] KeyStore, bool Cancelled) Run(Platform platform, string scenario, KeyJob job, int tripAfter)
    {
        using var cancel = new CancellationTokenSource();
        using var bench = WatchedBench.Of(platform, scenario, cancel: cancel, tripAfter: tripAfter);
        var cancelled = false;
        try
        {
            job(bench.Session, platform, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
        }
        return (bench.Transport.Transfers, bench.Device.Memory(1).Image(), cancelled);
    }

    private static SimulatedDfuDevice Fresh(Platform platform, string scenario) =>
        new(SimulatedDeviceSpec.Parse($"{platform.ToString().ToLowerInvariant()}:{SimulatedBench.DeviceId}:{scenario}"), new VirtualClock());
}
