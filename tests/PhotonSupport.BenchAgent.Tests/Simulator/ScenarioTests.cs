using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Simulator;

public class ScenarioTests
{
    [Theory]
    [InlineData("photon", "healthy", "breathing-cyan")]
    [InlineData("p1", "healthy", "breathing-cyan")]
    [InlineData("electron", "healthy", "breathing-cyan")]
    [InlineData("core", "healthy", "breathing-cyan")]
    [InlineData("photon", "missing-server-key", "cyan-flash-red-3")]
    [InlineData("electron", "missing-server-key", "cyan-flash-red-3")]
    [InlineData("core", "missing-server-key", "cyan-flash-red-3")]
    [InlineData("photon", "corrupt-server-key", "cyan-flash-red-3")]
    [InlineData("electron", "corrupt-server-key", "cyan-flash-red-3")]
    [InlineData("core", "corrupt-server-key", "cyan-flash-red-3")]
    [InlineData("photon", "wrong-device-key", "cyan-flash-orange-1")]
    [InlineData("electron", "wrong-device-key", "cyan-flash-orange-1")]
    [InlineData("core", "wrong-device-key", "cyan-flash-orange-1")]
    [InlineData("photon", "safe-mode", "magenta")]
    [InlineData("electron", "safe-mode", "magenta")]
    [InlineData("core", "safe-mode", "magenta")]
    [InlineData("core", "cc3000-outdated", "cyan-flash-green")]
    [InlineData("photon", "sos-after-update", "sos-1")]
    [InlineData("electron", "sos-after-update", "sos-1")]
    public void Each_scenario_shows_its_LED_pattern(string platform, string scenario, string pattern)
    {
        var device = Bench.Of($"{platform}:{Bench.DeviceId}:{scenario}").Device;

        device.LedPattern.ShouldBe(pattern);
        device.ShownLedPattern.ShouldBe("blinking-yellow");
    }

    [Fact]
    public void A_healthy_DCT_holds_a_PKCS1_device_key_at_34_and_the_cloud_key_at_2082()
    {
        var dct = Bench.Photon().Device.ApplicationDct();

        dct.AsSpan(34, 10).ToArray().ShouldBe(new byte[] { 0x30, 0x82, 0x02, dct[37], 0x02, 0x01, 0x00, 0x02, 0x81, 0x81 });
        (dct[37] & 0xF0).ShouldBe(0x50);
        dct.AsSpan(2082, 512).ToArray().ShouldBe(Bench.CloudKeys.RsaSlot);
        DevicePrivateKeys.PublicKeyOf(dct.AsSpan(34, 1216)).ShouldBe(dct.AsSpan(1250, 162).ToArray());
    }

    [Fact]
    public void Device_keys_follow_the_device_id_deterministically()
    {
        var first = Bench.Photon().Device;
        var again = Bench.Photon().Device;
        var other = Bench.Of("photon:ffffffffffffffffffffffff:healthy").Device;

        again.ApplicationDct().AsSpan(34, 612).ToArray().ShouldBe(first.ApplicationDct().AsSpan(34, 612).ToArray());
        other.CloudKnownPublicKeyDer.ShouldNotBe(first.CloudKnownPublicKeyDer);
    }

    [Fact]
    public void A_backup_of_alt_0_shows_the_DCT_in_the_active_copy()
    {
        var bench = Bench.Photon();
        var image = bench.Device.Memory(0).Image();
        var section = (int)(DctLayout.Copy1Address - 0x08000000) + SimulatedDctLayout.CopyHeaderSize;

        image.AsSpan(section, SimulatedDctLayout.MirroredLength).ToArray().ShouldBe(bench.Device.ApplicationDct()[..SimulatedDctLayout.MirroredLength]);
        image.AsSpan(0x8000, 0x4000).ToArray().ShouldAllBe(b => b == 0xFF); // copy 2 erased
    }

    [Fact]
    public void A_DCT_write_over_alt_1_moves_the_DCT_to_copy_2_and_erases_copy_1()
    {
        var bench = Bench.Photon("missing-server-key");
        bench.Host.Device.SelectAltSetting(1);
        bench.Host.Write(2082, Bench.CloudKeys.RsaSlot);

        bench.Host.Device.SelectAltSetting(0);
        var copy = bench.Host.Read(0x08008000 + SimulatedDctLayout.CopyHeaderSize + 2082, 512);

        copy.ShouldBe(Bench.CloudKeys.RsaSlot);
        bench.Host.Read(0x08004000, 0x4000).ShouldAllBe(b => b == 0xFF);
        bench.Device.LedPattern.ShouldBe("breathing-cyan");
    }

    [Fact]
    public void An_Electron_DCT_write_moves_it_to_copy_2_and_seals_copy_1_invalid_without_erasing_it()
    {
        // device-os services/inc/dcd.h: watermark 0x1E1C279A, seal valid 0xEDA15E00 / invalid 0x69A00C00, little-endian.
        var bench = Bench.Of($"electron:{Bench.DeviceId}:healthy");
        var factoryCopy = bench.Device.Memory(0).Read(0x08004008, 3618);
        bench.Host.Device.SelectAltSetting(1);

        bench.Host.Write(1852, "ABCDEF"u8.ToArray());

        var copy1 = bench.Device.Memory(0).Read(0x08004000, 0x4000);
        var copy2 = bench.Device.Memory(0).Read(0x08008000, 0x4000);
        copy1[..8].ShouldBe(new byte[] { 0x9A, 0x27, 0x1C, 0x1E, 0x00, 0x0C, 0xA0, 0x69 });
        copy1[8..3626].ShouldBe(factoryCopy);
        copy2[..8].ShouldBe(new byte[] { 0x9A, 0x27, 0x1C, 0x1E, 0x00, 0x5E, 0xA1, 0xED });
        copy2[(8 + 1852)..(8 + 1858)].ShouldBe("ABCDEF"u8.ToArray());
        copy2[(8 + 3106)..(8 + 3298)].ShouldBe(bench.Device.ApplicationDct()[3106..3298]);
    }

    [Fact]
    public void The_next_DCT_write_moves_it_back_to_copy_1()
    {
        var bench = Bench.Photon();
        bench.Host.Device.SelectAltSetting(1);
        bench.Host.Write(2082, Bench.CloudKeys.RsaSlot);
        bench.Host.Write(1852, "ABCDEF"u8.ToArray());

        var image = bench.Device.Memory(0).Image();

        image.AsSpan(0x8000, 0x4000).ToArray().ShouldAllBe(b => b == 0xFF);
        image.AsSpan(0x4000 + SimulatedDctLayout.CopyHeaderSize, SimulatedDctLayout.MirroredLength).ToArray()
            .ShouldBe(bench.Device.ApplicationDct()[..SimulatedDctLayout.MirroredLength]);
        bench.Device.ApplicationDct()[1852..1858].ShouldBe("ABCDEF"u8.ToArray());
    }

    [Fact]
    public void A_DCT_write_replaces_the_bytes_where_flash_would_AND_them()
    {
        var bench = Bench.Photon();
        var before = bench.Device.ApplicationDct();
        var replacement = new byte[612];
        Array.Fill(replacement, (byte)0x5A);
        bench.Host.Device.SelectAltSetting(1);

        bench.Host.Write(34, replacement);

        var after = bench.Device.ApplicationDct();
        after[34..646].ShouldBe(replacement);
        after[..34].ShouldBe(before[..34]);
        after[646..].ShouldBe(before[646..]);
    }

    [Fact]
    public void An_erase_over_alt_1_is_accepted_and_changes_nothing()
    {
        // device-os usbd_dct_if.c: DCT_If_Erase returns MAL_OK without touching flash.
        var bench = Bench.Photon();
        var dct = bench.Device.ApplicationDct();
        var internalFlash = bench.Device.Memory(0).Image();
        bench.Host.Device.SelectAltSetting(1);

        bench.Host.Erase(0).ShouldBe(DfuState.DfuDownloadIdle);

        bench.Device.ApplicationDct().ShouldBe(dct);
        bench.Device.Memory(0).Image().ShouldBe(internalFlash);
        bench.Device.LedPattern.ShouldBe("breathing-cyan");
    }

    [Fact]
    public void Flashing_Tinker_takes_a_device_out_of_safe_mode()
    {
        var bench = Bench.Photon("safe-mode");
        var map = PlatformMemoryMap.For(Platform.Photon);

        bench.Host.EraseAndWrite(map.UserApp.Start, SimulatedFirmware.Tinker(Platform.Photon), bench.Device.Memory(0).Layout);

        bench.Device.LedPattern.ShouldBe("breathing-cyan");
    }

    [Fact]
    public void Installing_matching_system_parts_ends_the_SOS()
    {
        var bench = Bench.Photon("sos-after-update");
        var map = PlatformMemoryMap.For(Platform.Photon);

        bench.Host.EraseAndWrite(map.SystemParts[0].Start, SimulatedFirmware.SystemPart(Platform.Photon, 1, version: 111), bench.Device.Memory(0).Layout);

        bench.Device.LedPattern.ShouldBe("breathing-cyan");
    }

    [Fact]
    public void A_user_app_written_without_erasing_first_holds_old_AND_new()
    {
        var bench = Bench.Photon();
        var start = PlatformMemoryMap.For(Platform.Photon).UserApp.Start;
        var tinker = SimulatedFirmware.Tinker(Platform.Photon);
        var owners = SimulatedFirmware.UserApp(Platform.Photon, "owner-app");

        bench.Host.Write(start, owners);

        var expected = tinker.Zip(owners, (old, data) => (byte)(old & data)).ToArray();
        bench.Device.Memory(0).Read(start, owners.Length).ShouldBe(expected);
        expected.ShouldNotBe(owners);
    }

    [Fact]
    public void The_cloud_accepting_the_new_public_key_fixes_a_wrong_device_key()
    {
        var device = Bench.Photon("wrong-device-key").Device;

        device.CloudKnownPublicKeyDer = device.ApplicationDct().AsSpan(DctLayout.DevicePublicKey, 162).ToArray();

        device.LedPattern.ShouldBe("breathing-cyan");
    }

    [Fact]
    public void A_Core_patched_by_the_CC3000_programmer_waits_in_magenta_until_Tinker_returns()
    {
        var bench = Bench.Core("cc3000-outdated");
        var layout = bench.Device.Memory(0).Layout;
        bench.Host.EraseAndWrite(0x08005000, SimulatedFirmware.Cc3000PatchProgrammer(), layout);
        bench.Host.Download(0, []);
        Should.Throw<PhotonSupport.BenchAgent.Usb.UsbTransferException>(() => bench.Host.GetStatus());

        bench.Device.ShownLedPattern.ShouldBe("magenta");
        bench.Device.ReenterDfu();
        bench.Host.EraseAndWrite(0x08005000, SimulatedFirmware.Tinker(Platform.Core), layout);

        bench.Device.LedPattern.ShouldBe("breathing-cyan");
    }

    [Fact]
    public void The_Core_keeps_its_keys_in_external_flash_slots()
    {
        var device = Bench.Core().Device;
        var external = device.Memory(1);

        external.Read(DctLayout.CoreServerPublicKey, 2048).ShouldBe(Bench.CloudKeys.CoreRsaSlot);
        DevicePrivateKeys.PublicKeyOf(external.Read(DctLayout.CoreDevicePrivateKey, 1024)).ShouldBe(device.CloudKnownPublicKeyDer);
        Should.Throw<InvalidOperationException>(() => device.ApplicationDct());
    }

    [Fact]
    public void A_Core_drops_the_odd_trailing_byte_of_a_data_block()
    {
        var bench = Bench.Core();
        bench.Host.Erase(0x08010000);

        bench.Host.Write(0x08010000, [0x01, 0x02, 0x03]);

        bench.Device.Memory(0).Read(0x08010000, 3).ShouldBe(new byte[] { 0x01, 0x02, 0xFF });
    }

    [Fact]
    public void The_Electron_carries_EC_keys_beside_the_RSA_ones()
    {
        var device = Bench.Of($"electron:{Bench.DeviceId}").Device;
        var dct = device.ApplicationDct();

        dct.AsSpan(DctLayout.EcServerPublicKey, 320).ToArray().ShouldBe(Bench.CloudKeys.EcSlot);
        DevicePrivateKeys.PublicKeyOf(dct.AsSpan(DctLayout.EcDevicePrivateKey, 192)).ShouldBe(device.CloudKnownPublicKeyDer);
        dct.AsSpan(DctLayout.ServerPublicKey, 512).ToArray().ShouldBe(Bench.CloudKeys.RsaSlot);
    }
}
