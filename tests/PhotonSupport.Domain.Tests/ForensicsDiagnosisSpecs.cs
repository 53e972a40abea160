using PhotonSupport.Domain.Backups;
using PhotonSupport.Domain.Jobs;
using static PhotonSupport.Domain.Jobs.RecoveryJobKind;

namespace PhotonSupport.Domain.Tests;

/// <summary>What a backup's findings call for, row by row.</summary>
public class ForensicsDiagnosisSpecs
{
    private static readonly ServerKeyFinding ParticleCloud = new(KeyCondition.Valid, "rsa-2048", true, null, null, "ab");
    private static readonly ServerKeyFinding Private = new(KeyCondition.Valid, "rsa-2048", false, "cloud.example.net", null, "cd");
    private static readonly DeviceKeyFinding Matching = new(KeyCondition.Valid, "rsa-1024", "ef", true);

    public static TheoryData<string, ServerKeyFinding, DeviceKeyFinding, string?, RecoveryJobKind[]> Rows() => new()
    {
        { "all valid", ParticleCloud, Matching, null, [] },
        { "private cloud", Private, Matching, null, [] },
        { "server key missing", Server(KeyCondition.Missing), Matching, "server public key missing", [RestoreServerKey] },
        { "server key corrupt", Server(KeyCondition.Corrupt), Matching, "server public key corrupt", [RestoreServerKey] },
        { "device key missing", ParticleCloud, DeviceKey(KeyCondition.Missing), "device private key missing", [RegenerateDeviceKeys] },
        { "device key corrupt", Private, DeviceKey(KeyCondition.Corrupt), "device private key corrupt", [RegenerateDeviceKeys] },
        { "stored public key differs", ParticleCloud, Matching with { StoredPublicKeyMatches = false }, "device public key does not match its private key", [RegenerateDeviceKeys] },
        { "no stored public key", ParticleCloud, Matching with { StoredPublicKeyMatches = null }, null, [] },
        { "both broken", Server(KeyCondition.Corrupt), DeviceKey(KeyCondition.Missing), "server public key corrupt and device private key missing", [RestoreServerKey, RegenerateDeviceKeys] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Findings_call_for_the_jobs_that_mend_them(string row, ServerKeyFinding server, DeviceKeyFinding device, string? cause, RecoveryJobKind[] plan)
    {
        var diagnosis = BackupForensics.Diagnosis(new BackupFindings("DCT copy 1 at 0x4000", server, device, []));

        if (cause is null)
            diagnosis.ShouldBeNull(row);
        else
            diagnosis.ShouldCallFor(cause, plan);
    }

    [Fact]
    public void Findings_without_a_key_area_call_for_nothing()
    {
        var unread = new BackupFindings(null, Server(KeyCondition.Corrupt), DeviceKey(KeyCondition.Corrupt), ["No DCT was recognised in either copy."]);

        BackupForensics.Diagnosis(unread).ShouldBeNull();
    }

    [Fact]
    public void No_plan_includes_a_backup_the_image_is_the_backup()
    {
        var plans = Rows().Select(row => BackupForensics.Diagnosis(new BackupFindings("external flash", (ServerKeyFinding)row.Data.Item2, (DeviceKeyFinding)row.Data.Item3, [])));

        plans.ShouldAllBe(d => d == null || !d.Value.Plan.Contains(Backup));
    }

    private static ServerKeyFinding Server(KeyCondition condition) => new(condition, null, null, null, null, null);

    private static DeviceKeyFinding DeviceKey(KeyCondition condition) => new(condition, null, null, null);
}

internal static class DiagnosisAssertions
{
    public static void ShouldCallFor(this (string Cause, IReadOnlyList<RecoveryJobKind> Plan)? diagnosis, string cause, params RecoveryJobKind[] plan)
    {
        diagnosis.ShouldNotBeNull();
        diagnosis.Value.Cause.ShouldBe(cause);
        diagnosis.Value.Plan.ShouldBe(plan);
    }
}
