using PhotonSupport.Domain.Devices;
using PhotonSupport.Domain.Diagnosis;
using PhotonSupport.Domain.Jobs;
using static PhotonSupport.Domain.Jobs.RecoveryJobKind;

namespace PhotonSupport.Domain.Tests;

public class LedDiagnosisTableTests
{
    [Fact]
    public void A_Photon_blinking_cyan_then_three_red_points_at_the_server_key()
    {
        var diagnosis = LedDiagnosisTable.Diagnose(Platform.Photon, "cyan-flash-red-3");

        diagnosis.Cause.ShouldContain("server public key");
        diagnosis.Plan.ShouldBe([Backup, RestoreServerKey, FlashTinker]);
    }

    [Fact]
    public void No_plan_step_names_a_kind_the_platform_cannot_run()
    {
        var impossible =
            from code in LedDiagnosisTable.Codes
            from platform in PlatformCatalog.All
            from step in LedDiagnosisTable.Diagnose(platform, code).Plan
            where !step.RunsOn(platform)
            select $"{platform} {code} -> {step}";

        LedDiagnosisTable.Codes.Count.ShouldBe(28); // 14 named patterns and sos-1 to sos-14
        impossible.ShouldBeEmpty();
    }

    [Fact]
    public void Every_plan_starts_with_a_backup_or_is_empty()
    {
        var plans = from code in LedDiagnosisTable.Codes
                    from platform in PlatformCatalog.All
                    select LedDiagnosisTable.Diagnose(platform, code).Plan;

        plans.Where(p => p.Count > 0).ShouldAllBe(p => p[0] == Backup);
    }

    [Fact]
    public void Cyan_then_green_is_an_outdated_cc3000_on_a_Core()
    {
        var diagnosis = LedDiagnosisTable.Diagnose(Platform.Core, "cyan-flash-green");

        diagnosis.Cause.ShouldContain("CC3000");
        diagnosis.Plan.ShouldBe([Backup, PatchCc3000, FlashTinker]);
    }

    [Fact]
    public void Cyan_then_green_on_a_Photon_is_not_expected_and_only_asks_for_a_backup()
    {
        var diagnosis = LedDiagnosisTable.Diagnose(Platform.Photon, "cyan-flash-green");

        diagnosis.Cause.ShouldBe("pattern not expected on this platform");
        diagnosis.Plan.ShouldBe([Backup]);
    }

    [Theory]
    [InlineData("sos-1", "hard fault")]
    [InlineData("sos-8", "out of heap")]
    [InlineData("sos-14", "heap error")]
    public void Sos_codes_name_their_fault(string code, string fault) =>
        LedDiagnosisTable.Diagnose(Platform.Electron, code).Cause.ShouldEndWith(fault);

    [Theory]
    [InlineData("sos-0")]
    [InlineData("sos-15")]
    [InlineData("Cyan-Flash-Red-3")]
    [InlineData("purple")]
    public void Codes_outside_the_vocabulary_are_unknown(string code) => LedDiagnosisTable.IsKnown(code).ShouldBeFalse();
}
