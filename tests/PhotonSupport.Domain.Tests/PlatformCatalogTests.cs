using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Domain.Tests;

public class PlatformCatalogTests
{
    [Fact]
    public void A_Photon_backup_request_is_the_line_from_the_founding_thread() =>
        PlatformCatalog.BackupCommands(Platform.Photon, "3c002b000347343339373536")
            .ShouldBe(["dfu-util -d 2b04:d006 -a 0 -s 0x8000000:0x100000 -U PHOTON_backup_3c002b000347343339373536.bin"]);

    [Fact]
    public void A_Core_backup_request_reads_internal_and_external_flash() =>
        PlatformCatalog.BackupCommands(Platform.Core, "53ff6f065067544847310187").ShouldBe(
        [
            "dfu-util -d 1d50:607f -a 0 -s 0x8000000:0x20000 -U CORE_internal_backup_53ff6f065067544847310187.bin",
            "dfu-util -d 1d50:607f -a 1 -s 0x0:0x200000 -U CORE_backup_53ff6f065067544847310187.bin",
        ]);

    [Theory]
    [InlineData("photon", true)]
    [InlineData("P1", true)]
    [InlineData("6", false)]
    [InlineData("Core, Photon", false)]
    [InlineData("Argon", false)]
    [InlineData("", false)]
    public void Platforms_are_accepted_by_name_only(string name, bool accepted) =>
        EnumNames.TryParse<Platform>(name, out _).ShouldBe(accepted);
}
