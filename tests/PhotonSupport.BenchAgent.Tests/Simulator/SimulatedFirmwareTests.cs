using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Simulator;

public class SimulatedFirmwareTests
{
    [Fact]
    public void Tinker_for_a_Photon_carries_a_user_part_header_at_its_start()
    {
        var tinker = SimulatedFirmware.Tinker(Platform.Photon);

        var info = ModuleInfo.Read(tinker);

        info.StartAddress.ShouldBe(0x080A0000u);
        info.EndAddress.ShouldBe(0x080A0000u + (uint)tinker.Length - 4); // the CRC-32 trailer follows the end address
        info.DeclaredLength.ShouldBe(tinker.Length);
        info.Function.ShouldBe(ModuleFunction.UserPart);
        info.PlatformId.ShouldBe((ushort)6);
        info.Dependency.ShouldBe(new ModuleDependency(ModuleFunction.SystemPart, 2, SimulatedFirmware.InstalledSystemVersion));
        SimulatedFirmware.NameOf(tinker, 0).ShouldBe("tinker");
    }

    [Fact]
    public void An_Electron_system_part_keeps_its_header_after_the_vector_table()
    {
        var part = SimulatedFirmware.SystemPart(Platform.Electron, 3);

        var info = ModuleInfo.Read(part.AsSpan(0x184));

        info.StartAddress.ShouldBe(0x08060000u);
        info.Index.ShouldBe((byte)3);
        info.Dependency.Index.ShouldBe((byte)2);
        BitConverter.ToUInt32(part, 4).ShouldBe(0x08060201u); // Thumb reset handler inside the module
    }

    [Fact]
    public void Firmware_bytes_are_the_same_every_time_and_differ_between_modules()
    {
        SimulatedFirmware.Tinker(Platform.P1).ShouldBe(SimulatedFirmware.Tinker(Platform.P1));
        SimulatedFirmware.Tinker(Platform.P1).ShouldNotBe(SimulatedFirmware.UserApp(Platform.P1, "other"));
    }

    [Fact]
    public void A_whole_flash_backup_of_a_Photon_cannot_beat_the_USB_frame_budget()
    {
        var bench = Bench.Photon();

        var image = bench.Host.Read(0x08000000, 0x100000);

        image.ShouldBe(bench.Device.Memory(0).Image());
        bench.Clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(1.1));
        bench.Device.TransferCount.ShouldBe(3 + 1 + 256 + 1); // set address (DNLOAD, 2 × GETSTATUS), ABORT, uploads, ABORT
    }
}
