using System.Security.Cryptography;
using PhotonSupport.BenchAgent.Cli;
using PhotonSupport.BenchAgent.Particle;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.Domain.Devices;
using SimulatorBench = PhotonSupport.BenchAgent.Tests.Simulator.Bench;

namespace PhotonSupport.BenchAgent.Tests.Cli;

public sealed class BenchCommandsTests : IDisposable
{
    private const string DeviceId = SimulatorBench.DeviceId;

    private readonly string _folder = Directory.CreateTempSubdirectory("bench-cli-").FullName;
    private readonly SimulatedDeviceSource _bench = new(new VirtualClock());
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Backup_saves_the_whole_flash_to_the_file_and_exits_0()
    {
        var device = _bench.Add($"photon:{DeviceId}:healthy");
        var file = Path.Combine(_folder, "PHOTON_backup.bin");

        Commands().Backup(Args("backup", "--device", DeviceId, "-o", file)).ShouldBe(0);

        File.ReadAllBytes(file).ShouldBe(device.Memory(0).Image());
        _output.ToString().ShouldContain(file);
    }

    [Fact]
    public void A_Core_backup_file_is_internal_then_external_flash()
    {
        var device = _bench.Add($"core:{DeviceId}:healthy");
        var file = Path.Combine(_folder, "CORE_backup.bin");

        Commands().Backup(Args("backup", "--device", DeviceId, "-o", file)).ShouldBe(0);

        File.ReadAllBytes(file).ShouldBe([.. device.Memory(0).Image(), .. device.Memory(1).Image()]);
    }

    [Fact]
    public void Restoring_the_server_key_answered_no_exits_4_and_writes_nothing()
    {
        var device = _bench.Add($"photon:{DeviceId}:missing-server-key");
        var dct = device.Memory(1).Image();

        Commands(input: "n\n").RestoreServerKey(Args("restore-server-key", "--device", DeviceId)).ShouldBe(ExitCodes.NotConfirmed);

        device.Memory(1).Image().ShouldBe(dct);
        device.TransferCount.ShouldBe(0);
        _error.ToString().ShouldContain("Continue? [y/N]");
        _error.ToString().ShouldContain("nothing was written");
    }

    [Fact]
    public void Restoring_the_server_key_with_yes_asks_nothing_writes_the_slot_and_exits_0()
    {
        var device = _bench.Add($"photon:{DeviceId}:missing-server-key");

        Commands(input: "").RestoreServerKey(Args("restore-server-key", "--device", DeviceId, "--yes")).ShouldBe(0);

        device.Memory(1).Read(DctLayout.ServerPublicKey, SimulatorBench.CloudKeys.RsaSlot.Length).ShouldBe(SimulatorBench.CloudKeys.RsaSlot);
        device.LedPattern.ShouldBe("breathing-cyan");
        _error.ToString().ShouldNotContain("Continue?");
    }

    [Fact]
    public void A_device_that_is_not_attached_exits_5_and_says_how_to_put_it_in_DFU_mode()
    {
        _bench.Add($"photon:{DeviceId}:healthy");
        const string absent = "ffffffffffffffffffffffff";

        Commands().Backup(Args("backup", "--device", absent, "-o", Path.Combine(_folder, "none.bin"))).ShouldBe(ExitCodes.NoSuchDevice);

        _error.ToString().ShouldContain($"No device {absent} in DFU mode");
        File.Exists(Path.Combine(_folder, "none.bin")).ShouldBeFalse();
    }

    [Fact]
    public void Flash_with_an_address_that_is_not_hexadecimal_is_a_usage_error_before_any_transfer()
    {
        var device = _bench.Add($"photon:{DeviceId}:safe-mode");
        var file = Path.Combine(_folder, "tinker.bin");
        File.WriteAllBytes(file, SimulatedFirmware.Tinker(Platform.Photon));

        var usage = Should.Throw<CliUsageException>(() =>
            Commands().Flash(Args("flash", "--device", DeviceId, "--address", "user-app", "--yes", file)));

        usage.Message.ShouldContain("'user-app'");
        device.TransferCount.ShouldBe(0);
    }

    [Fact]
    public void Flash_writes_the_file_at_the_address_and_the_device_leaves_DFU()
    {
        var device = _bench.Add($"photon:{DeviceId}:safe-mode");
        var tinker = SimulatedFirmware.Tinker(Platform.Photon);
        var file = Path.Combine(_folder, "tinker.bin");
        File.WriteAllBytes(file, tinker);

        Commands().Flash(Args("flash", "--device", DeviceId, "--address", "0x080A0000", "--yes", file)).ShouldBe(0);

        device.Memory(0).Read(0x080A0000, tinker.Length).ShouldBe(tinker);
        device.ShownLedPattern.ShouldBe("breathing-cyan");
    }

    [Fact]
    public void Keys_doctor_confirmed_on_input_prints_the_new_public_key_PEM_and_its_fingerprint()
    {
        var device = _bench.Add($"photon:{DeviceId}:wrong-device-key");
        var before = device.Memory(1).Read(DctLayout.DevicePrivateKey, DctLayout.DevicePrivateKeySize);

        Commands(input: "y\n").KeysDoctor(Args("keys-doctor", "--device", DeviceId)).ShouldBe(0);

        var printed = _output.ToString();
        var pem = printed[PemEncoding.Find(printed).Location];
        var fingerprint = PublicKeys.Fingerprint(pem);
        fingerprint.ShouldNotBeNull();
        printed.ShouldContain($"fingerprint {fingerprint}");
        device.Memory(1).Read(DctLayout.DevicePrivateKey, DctLayout.DevicePrivateKeySize).ShouldNotBe(before);
    }

    [Fact]
    public void Restore_backup_puts_the_key_slots_of_the_backup_file_back()
    {
        var device = _bench.Add($"photon:{DeviceId}:healthy");
        var file = Path.Combine(_folder, "PHOTON_backup.bin");
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
        _bench.Add($"photon:{DeviceId}:healthy");

        Commands().RestoreBackup(Args("restore-backup", "--device", DeviceId, "--yes", Path.Combine(_folder, "missing.bin"))).ShouldBe(ExitCodes.Failed);

        _error.ToString().ShouldContain("failed:");
        _error.ToString().ShouldContain("missing.bin");
    }

    private BenchCommands Commands(string input = "") =>
        new([_bench], new VirtualClock(), new CliConsole(new StringReader(input), _output, _error));

    private static CliArguments Args(string command, params string[] args) => CliArguments.Parse(args, CommandTable.All.Single(c => c.Name == command));
}
