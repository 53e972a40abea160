using System.Security.Cryptography;
using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.Domain.Backups;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Jobs;

namespace PhotonSupport.BenchAgent.Tests.Operations;

/// <summary>
/// The desk's forensics over what a bench backup of a simulated device reads. What each scenario put in
/// the key slots (SimulatorScenario) is the expectation: the cloud's key, an erased slot, bytes with a key's
/// header and no key, or a device key other than the one the cloud holds.
/// </summary>
public class BackupForensicsTests
{
    public static TheoryData<Platform> Platforms() => OperationMatrix.AllPlatforms();

    [Theory]
    [MemberData(nameof(Platforms))]
    public void A_healthy_device_backup_holds_the_Particle_cloud_key_and_the_key_the_cloud_knows(Platform platform)
    {
        using var bench = OperationMatrix.Bench(platform, "healthy");
        var findings = Analyzed(bench, platform);

        findings.KeyArea.ShouldBe(platform == Platform.Core ? "external flash" : "DCT copy 1 at 0x4000");
        findings.ServerKey.Condition.ShouldBe(KeyCondition.Valid);
        findings.ServerKey.Algorithm.ShouldBe(platform == Platform.Electron ? "ec-p256" : "rsa-2048");
        findings.ServerKey.ParticleCloud.ShouldBe(true);
        findings.DeviceKey.Condition.ShouldBe(KeyCondition.Valid);
        findings.DeviceKey.Algorithm.ShouldBe(platform == Platform.Electron ? "ec-p256" : "rsa-1024");
        findings.DeviceKey.PublicKeyFingerprint.ShouldBe(Sha256(bench.Device.CloudKnownPublicKeyDer));
        // Only a Photon or P1 keeps the public key of the private key it uses in the DCT (offset 1250).
        findings.DeviceKey.StoredPublicKeyMatches.ShouldBe(platform is Platform.Photon or Platform.P1 ? true : null);
        BackupForensics.Diagnosis(findings).ShouldBeNull();
    }

    // missing-server-key erases the slot; corrupt-server-key leaves a key's DER header over bytes that are no key.
    public static TheoryData<Platform, string, KeyCondition, string> DamagedServerKeys()
    {
        var data = new TheoryData<Platform, string, KeyCondition, string>();
        foreach (var platform in OperationMatrix.Platforms)
        {
            data.Add(platform, "missing-server-key", KeyCondition.Missing, "server public key missing");
            data.Add(platform, "corrupt-server-key", KeyCondition.Corrupt, "server public key corrupt");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DamagedServerKeys))]
    public void A_device_whose_server_key_slot_was_damaged_needs_the_server_key_restored(Platform platform, string scenario, KeyCondition condition, string cause)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        var findings = Analyzed(bench, platform);

        findings.ServerKey.Condition.ShouldBe(condition);
        findings.HoldsDeviceKey.ShouldBeTrue();
        var diagnosis = BackupForensics.Diagnosis(findings);
        diagnosis.ShouldNotBeNull();
        diagnosis.Value.Cause.ShouldBe(cause);
        diagnosis.Value.Plan.ShouldBe([RecoveryJobKind.RestoreServerKey]);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void A_device_with_another_key_than_the_cloud_knows_shows_that_key_not_the_cloud_s(Platform platform)
    {
        using var bench = OperationMatrix.Bench(platform, "wrong-device-key");
        var findings = Analyzed(bench, platform);

        // The key is sound; only the cloud's side tells it is not the device's: the fingerprint is how the desk compares.
        findings.DeviceKey.Condition.ShouldBe(KeyCondition.Valid);
        findings.DeviceKey.PublicKeyFingerprint.ShouldNotBe(Sha256(bench.Device.CloudKnownPublicKeyDer));
        findings.ServerKey.ParticleCloud.ShouldBe(true);
    }

    private static BackupFindings Analyzed(Dfu.SimulatedBench bench, Platform platform)
    {
        var image = RecoveryOperations.Backup(bench.Session, platform, null, TestContext.Current.CancellationToken).BackupImage!;
        return BackupForensics.Analyze(platform, image);
    }

    private static string Sha256(byte[] der) => Convert.ToHexStringLower(SHA256.HashData(der));
}
