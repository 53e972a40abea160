using PhotonSupport.BenchAgent.Cli;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Cli;

/// <summary>
/// <c>flash</c> writes a binary only where its module header says it belongs, unless --raw. Addresses
/// are the literal ones of particle-facts.md's memory maps, not the code's tables.
/// </summary>
public sealed class FlashCommandTests : CliBenchTest
{
    private const uint PhotonUserApp = 0x080A0000;
    private const uint ElectronUserApp = 0x08080000;

    [Theory]
    [InlineData("photon:safe-mode", "tinker", "0x080A0000", 0x080A0000u)]
    [InlineData("photon:healthy", "system-part1", "0x08020000", 0x08020000u)]
    [InlineData("electron:safe-mode", "tinker", "0x08080000", 0x08080000u)]
    [InlineData("core:healthy", "tinker", "0x08005000", 0x08005000u)]
    public void A_module_flashed_at_the_address_its_header_names_is_written_there_and_the_device_leaves_DFU_breathing_cyan(
        string device, string module, string address, uint writtenAt)
    {
        var (platform, scenario) = (Enum.Parse<Platform>(device.Split(':')[0], ignoreCase: true), device.Split(':')[1]);
        var simulated = Devices.Add($"{platform}:{DeviceId}:{scenario}");
        var binary = module == "tinker" ? SimulatedFirmware.Tinker(platform) : SimulatedFirmware.SystemPart(platform, 1);

        Flash(address, FileWith($"{module}.bin", binary)).ShouldBe(ExitCodes.Done);

        simulated.Memory(0).Read(writtenAt, binary.Length).ShouldBe(binary);
        simulated.ShownLedPattern.ShouldBe("breathing-cyan");
    }

    [Fact]
    public void A_system_part_sent_to_the_user_app_address_is_refused_naming_both_addresses_and_nothing_is_written()
    {
        var device = Devices.Add($"photon:{DeviceId}:safe-mode");
        var flash = device.Memory(0).Image();

        Flash("0x080A0000", FileWith("system-part1.bin", SimulatedFirmware.SystemPart(Platform.Photon, 1))).ShouldBe(ExitCodes.Refused);

        Error.ToString().ShouldContain("Photon at 0x08020000", Case.Insensitive);
        Error.ToString().ShouldContain("Photon at 0x080A0000", Case.Insensitive);
        Error.ToString().ShouldContain("--raw");
        device.Memory(0).Image().ShouldBe(flash);
        device.TransferCount.ShouldBe(0);
    }

    [Fact]
    public void A_Photon_user_app_sent_to_an_Electron_is_refused_naming_both_platforms_even_at_the_Photon_address()
    {
        var device = Devices.Add($"electron:{DeviceId}:safe-mode");

        Flash("0x080A0000", FileWith("tinker.bin", SimulatedFirmware.Tinker(Platform.Photon))).ShouldBe(ExitCodes.Refused);

        Error.ToString().ShouldContain("Photon at 0x080A0000", Case.Insensitive);
        Error.ToString().ShouldContain("Electron at 0x080A0000", Case.Insensitive);
        device.TransferCount.ShouldBe(0);
    }

    [Fact]
    public void A_Photon_user_app_sent_to_a_Core_is_refused_naming_the_Photon_header()
    {
        var device = Devices.Add($"core:{DeviceId}:healthy");

        Flash("0x08005000", FileWith("tinker.bin", SimulatedFirmware.Tinker(Platform.Photon))).ShouldBe(ExitCodes.Refused);

        Error.ToString().ShouldContain("Photon at 0x080A0000", Case.Insensitive);
        Error.ToString().ShouldContain("Core at 0x08005000", Case.Insensitive);
        device.TransferCount.ShouldBe(0);
    }

    [Fact]
    public void A_module_cut_short_of_the_length_its_header_declares_is_refused()
    {
        var device = Devices.Add($"photon:{DeviceId}:safe-mode");
        var tinker = SimulatedFirmware.Tinker(Platform.Photon);

        Flash("0x080A0000", FileWith("tinker.bin", tinker[..^1024])).ShouldBe(ExitCodes.Refused);

        Error.ToString().ShouldContain($"the header declares {tinker.Length:N0} bytes but the binary has {tinker.Length - 1024:N0}");
        device.TransferCount.ShouldBe(0);
    }

    [Fact]
    public void A_binary_without_a_module_header_is_refused_before_the_technician_is_asked()
    {
        var device = Devices.Add($"photon:{DeviceId}:safe-mode");

        Commands(input: "y\n").Flash(Args("flash", "--device", DeviceId, "--address", "0x080A0000", FileWith("blob.bin", Headerless())))
            .ShouldBe(ExitCodes.Refused);

        Error.ToString().ShouldContain("no device-os module header");
        Error.ToString().ShouldNotContain("Continue?");
        device.TransferCount.ShouldBe(0);
    }

    [Fact]
    public void With_raw_a_binary_without_a_module_header_is_written_at_the_address_given()
    {
        var device = Devices.Add($"photon:{DeviceId}:safe-mode");
        var blob = Headerless();

        Flash("0x080A0000", FileWith("blob.bin", blob), "--raw").ShouldBe(ExitCodes.Done);

        device.Memory(0).Read(PhotonUserApp, blob.Length).ShouldBe(blob);
        Error.ToString().ShouldContain("--raw: writing");
    }

    [Fact]
    public void With_raw_a_Photon_user_app_is_written_at_the_Electron_user_app_address_it_was_sent_to()
    {
        var device = Devices.Add($"electron:{DeviceId}:safe-mode");
        var photonApp = SimulatedFirmware.Tinker(Platform.Photon);

        Flash("0x08080000", FileWith("tinker.bin", photonApp), "--raw").ShouldBe(ExitCodes.Done);

        device.Memory(0).Read(ElectronUserApp, photonApp.Length).ShouldBe(photonApp);
    }

    [Fact]
    public void An_address_that_is_not_hexadecimal_is_a_usage_error_before_any_transfer()
    {
        var device = Devices.Add($"photon:{DeviceId}:safe-mode");
        var file = FileWith("tinker.bin", SimulatedFirmware.Tinker(Platform.Photon));

        var usage = Should.Throw<CliUsageException>(() => Flash("user-app", file));

        usage.Message.ShouldContain("'user-app'");
        device.TransferCount.ShouldBe(0);
    }

    private int Flash(string address, string file, params string[] more) =>
        Commands().Flash(Args("flash", ["--device", DeviceId, "--address", address, "--yes", .. more, file]));

    /// <summary>8 KiB of a repeating byte: no module function where any platform keeps a header.</summary>
    private static byte[] Headerless() => Enumerable.Repeat((byte)0xA5, 8192).ToArray();
}
