using System.Security.Cryptography;
using PhotonSupport.BenchAgent.Cli;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.Domain.Devices;
using SimulatorBench = PhotonSupport.BenchAgent.Tests.Simulator.Bench;

namespace PhotonSupport.BenchAgent.Tests.Cli;

public sealed class BenchCommandsTests : CliBenchTest
{
    [Fact]
    public void Backup_saves_the_whole_flash_to_the_file_and_exits_0()
    {
        var device = Devices.Add($"photon:{DeviceId}:healthy");
        var file = Path.Combine(Folder, "PHOTON_backup.bin");

        Commands().Backup(Args("backup", "--device", DeviceId, "-o", file)).ShouldBe(0);

        File.ReadAllBytes(file).ShouldBe(device.Memory(0).Image());
        Output.ToString().ShouldContain(file);
    }

    [Fact]
    public void A_Core_backup_file_is_internal_then_external_flash()
    {
        var device = Devices.Add($"core:{DeviceId}:healthy");
        var file = Path.Combine(Folder, "CORE_backup.bin");

        Commands().Backup(Args("backup", "--device", DeviceId, "-o", file)).ShouldBe(0);

        File.ReadAllBytes(file).ShouldBe([.. device.Memory(0).Image(), .. device.Memory(1).Image()]);
    }

    [Fact]
    public void Restoring_the_server_key_answered_no_exits_4_and_writes_nothing()
    {
        var device = Devices.Add($"photon:{DeviceId}:missing-server-key");
        var dct = device.Memory(1).Image();

        Commands(input: "n\n").RestoreServerKey(Args("restore-server-key", "--device", DeviceId)).ShouldBe(ExitCodes.NotConfirmed);

        device.Memory(1).Image().ShouldBe(dct);
        device.TransferCount.ShouldBe(0);
        Error.ToString().ShouldContain("Continue? [y/N]");
        Error.ToString().ShouldContain("nothing was written");
    }

    [Fact]
    public void Restoring_the_server_key_with_yes_asks_nothing_writes_the_slot_and_exits_0()
    {
        var device = Devices.Add($"photon:{DeviceId}:missing-server-key");

        Commands(input: "").RestoreServerKey(Args("restore-server-key", "--device", DeviceId, "--yes")).ShouldBe(0);

        device.Memory(1).Read(DctLayout.ServerPublicKey, SimulatorBench.CloudKeys.RsaSlot.Length).ShouldBe(SimulatorBench.CloudKeys.RsaSlot);
        device.LedPattern.ShouldBe("breathing-cyan");
        Error.ToString().ShouldNotContain("Continue?");
    }

    [Fact]
    public void A_device_that_is_not_attached_exits_5_and_says_how_to_put_it_in_DFU_mode()
    {
        Devices.Add($"photon:{DeviceId}:healthy");
        const string absent = "ffffffffffffffffffffffff";

        Commands().Backup(Args("backup", "--device", absent, "-o", Path.Combine(Folder, "none.bin"))).ShouldBe(ExitCodes.NoSuchDevice);

        Error.ToString().ShouldContain($"No device {absent} in DFU mode");
        File.Exists(Path.Combine(Folder, "none.bin")).ShouldBeFalse();
    }

    [Fact]
    public void Keys_doctor_confirmed_on_input_prints_the_new_public_key_PEM_and_its_fingerprint()
    {
        var device = Devices.Add($"photon:{DeviceId}:wrong-device-key");
        var before = device.Memory(1).Read(DctLayout.DevicePrivateKey, DctLayout.DevicePrivateKeySize);

        Commands(input: "y\n").KeysDoctor(Args("keys-doctor", "--device", DeviceId)).ShouldBe(0);

        var printed = Output.ToString();
        var pem = printed[PemEncoding.Find(printed).Location];
        var fingerprint = PublicKeys.Fingerprint(pem);
        fingerprint.ShouldNotBeNull();
        printed.ShouldContain($"fingerprint {fingerprint}");
        device.Memory(1).Read(DctLayout.DevicePrivateKey, DctLayout.DevicePrivateKeySize).ShouldNotBe(before);
    }

    [Fact]
    public void Restore_backup_puts_the_key_slots_of_the_backup_file_back()
    {
        var device = Devices.Add($"photon:{DeviceId}:healthy");
        var file = Path.Combine(Folder, "PHOTON_backup.bin");
        Commands().Backup(Args("backup", "--device", DeviceId, "-o", file)).ShouldBe(0);
        var dct = device.Memory(1).Image();
        Commands().KeysDoctor(Args("keys-doctor", "--device", DeviceId, "--yes")).ShouldBe(0);
        device.Memory(1).Image().ShouldNotBe(dct);

        Commands().RestoreBackup(Args("restore-backup", "--device", DeviceId, "--yes", file)).ShouldBe(0);

        device.Memory(1).Image().ShouldBe(dct);
    }

    [Fact]
    public void Device_work_that_fails_exits_1_with_the_reason()
    {
        Devices.Add($"photon:{DeviceId}:healthy");

        Commands().RestoreBackup(Args("restore-backup", "--device", DeviceId, "--yes", Path.Combine(Folder, "missing.bin"))).ShouldBe(ExitCodes.Failed);

        Error.ToString().ShouldContain("failed:");
        Error.ToString().ShouldContain("missing.bin");
    }
}
