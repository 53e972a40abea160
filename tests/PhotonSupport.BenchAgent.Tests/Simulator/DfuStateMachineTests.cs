using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Tests.Simulator;

public class DfuStateMachineTests
{
    [Fact]
    public void A_Photon_introduces_itself_as_particle_facts_describe_it()
    {
        var device = Bench.Photon().Device;

        device.Device.UsbId.ShouldBe("2b04:d006");
        device.Device.SerialNumber.ShouldBe(Bench.DeviceId);
        device.Functional.ShouldBe(new DfuFunctionalDescriptor(0x0B, 255, 4096, 0x011A));
        device.AltSettingNames.ShouldBe([DeviceProfile.Gen2InternalFlash, DeviceProfile.Gen2DctFlash]);
    }

    [Fact]
    public void A_Core_has_a_1024_byte_transfer_size_and_the_SST25_alt_setting()
    {
        var device = Bench.Core().Device;

        device.Device.UsbId.ShouldBe("1d50:607f");
        device.Functional.TransferSize.ShouldBe((ushort)1024);
        device.AltSettingNames[1].ShouldBe("@SPI Flash : SST25x/0x00000000/512*04Kg");
    }

    [Fact]
    public void A_command_answers_DNBUSY_with_no_poll_timeout_then_DNLOAD_IDLE()
    {
        var host = Bench.Photon().Host;

        host.Download(0, DfuHost.AddressCommand(DfuseCommand.SetAddressPointer, 0x080A0000));
        var first = host.GetStatus();
        var second = host.GetStatus();

        first.ShouldBe((DfuStatusCode.Ok, 0, DfuState.DfuDownloadBusy));
        second.ShouldBe((DfuStatusCode.Ok, 0, DfuState.DfuDownloadIdle));
    }

    [Fact]
    public void The_Core_asks_the_host_to_wait_50_ms_after_an_internal_flash_command()
    {
        var host = Bench.Core().Host;

        host.Download(0, DfuHost.AddressCommand(DfuseCommand.SetAddressPointer, 0x08005000));

        host.GetStatus().PollMs.ShouldBe(50);
    }

    [Fact]
    public void Abort_returns_to_idle_and_drops_the_stored_command()
    {
        var bench = Bench.Photon();
        var before = bench.Device.Memory(0).Read(0x080A0000, 16);
        bench.Host.Download(0, DfuHost.AddressCommand(DfuseCommand.Erase, 0x080A0000));

        bench.Host.Abort();

        bench.Device.State.ShouldBe(DfuState.DfuIdle);
        bench.Host.GetStatus().State.ShouldBe(DfuState.DfuIdle);
        bench.Device.Memory(0).Read(0x080A0000, 16).ShouldBe(before);
    }

    [Fact]
    public void A_Core_refusal_reaches_dfuERROR_and_CLRSTATUS_returns_to_idle()
    {
        var host = Bench.Core().Host;
        host.Download(0, DfuHost.AddressCommand(DfuseCommand.Erase, 0x08000000)); // bootloader page, mode 'a'
        host.GetStatus().State.ShouldBe(DfuState.DfuDownloadBusy);

        host.GetStatus().ShouldBe((DfuStatusCode.ErrWrite, 0, DfuState.DfuError));
        host.ClearStatus();

        host.GetStatus().ShouldBe((DfuStatusCode.Ok, 0, DfuState.DfuIdle));
    }

    [Fact]
    public void CLRSTATUS_outside_dfuERROR_enters_it_as_the_ST_library_does()
    {
        var host = Bench.Photon().Host;

        host.ClearStatus();

        host.GetStatus().ShouldBe((DfuStatusCode.ErrUnknown, 0, DfuState.DfuError));
        host.Abort();
        host.GetStatus().State.ShouldBe(DfuState.DfuError);
        host.ClearStatus();
        host.GetStatus().State.ShouldBe(DfuState.DfuIdle);
    }

    [Fact]
    public void Mass_erase_is_not_implemented_and_stalls()
    {
        var bench = Bench.Photon();

        var failure = Should.Throw<UsbTransferException>(() => bench.Host.Download(0, [DfuseCommand.Erase]));

        failure.Failure.ShouldBe(UsbFailure.Stall);
        bench.Device.Memory(0).Read(0x080A0000, 4).ShouldNotBe(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF });
    }

    [Theory]
    [InlineData(0x08004000u)] // DCT copy 1: mode 'a'
    [InlineData(0x0800C000u)] // marked 'g', but below 0x08020000 the Gen 2 bootloader refuses
    [InlineData(0x08010000u)]
    public void A_Gen2_erase_below_system_part_1_stalls_without_dfuERROR(uint address)
    {
        var bench = Bench.Photon();
        var before = bench.Device.Memory(0).Read(address, 64);
        bench.Host.Download(0, DfuHost.AddressCommand(DfuseCommand.Erase, address));
        bench.Host.GetStatus().State.ShouldBe(DfuState.DfuDownloadBusy);

        Should.Throw<UsbTransferException>(() => bench.Host.GetStatus()).Failure.ShouldBe(UsbFailure.Stall);

        bench.Host.GetStatus().ShouldBe((DfuStatusCode.Ok, 0, DfuState.DfuIdle));
        bench.Device.Memory(0).Read(address, 64).ShouldBe(before);
    }

    [Fact]
    public void A_Gen2_write_below_system_part_1_stalls_and_leaves_the_flash_alone()
    {
        var bench = Bench.Photon();
        bench.Host.SetAddress(0x0800C000).ShouldBe(DfuState.DfuDownloadIdle);
        bench.Host.Download(2, new byte[16]);
        bench.Host.GetStatus().State.ShouldBe(DfuState.DfuDownloadBusy);

        Should.Throw<UsbTransferException>(() => bench.Host.GetStatus()).Failure.ShouldBe(UsbFailure.Stall);

        bench.Device.Memory(0).Read(0x0800C000, 16).ShouldAllBe(b => b == 0xFF);
    }

    [Fact]
    public void Data_blocks_land_at_the_pointer_plus_block_minus_2_transfer_sizes()
    {
        var bench = Bench.Photon();
        bench.Host.Erase(0x080C0000).ShouldBe(DfuState.DfuDownloadIdle);
        bench.Host.SetAddress(0x080C0000);

        bench.Host.Complete(5, [0x11, 0x22, 0x33]).ShouldBe(DfuState.DfuDownloadIdle);

        bench.Device.Memory(0).Read(0x080C0000 + 3 * 4096, 4).ShouldBe(new byte[] { 0x11, 0x22, 0x33, 0xFF });
    }

    [Fact]
    public void A_second_DNLOAD_before_the_device_answered_DNLOAD_IDLE_stalls()
    {
        var host = Bench.Photon().Host;
        host.Download(0, DfuHost.AddressCommand(DfuseCommand.SetAddressPointer, 0x080A0000));
        host.GetStatus().State.ShouldBe(DfuState.DfuDownloadBusy);

        Should.Throw<UsbTransferException>(() => host.Download(2, new byte[4])).Failure.ShouldBe(UsbFailure.Stall);
    }

    [Fact]
    public void Upload_from_an_unmapped_address_returns_zeros()
    {
        var host = Bench.Photon().Host;

        host.Read(0x20000000, 4096).ShouldAllBe(b => b == 0);
    }

    [Fact]
    public void Upload_reads_what_the_flash_holds()
    {
        var bench = Bench.Photon();

        bench.Host.Read(0x08020000, 8192).ShouldBe(bench.Device.Memory(0).Read(0x08020000, 8192));
    }

    [Fact]
    public void Upload_block_1_stalls()
    {
        var host = Bench.Photon().Host;

        Should.Throw<UsbTransferException>(() => host.Device.ControlIn(DfuRequest.Upload, 1, new byte[16], DfuHost.Timeout))
            .Failure.ShouldBe(UsbFailure.Stall);
    }

    [Fact]
    public void Upload_block_0_lists_the_three_commands_Particle_implements()
    {
        var host = Bench.Photon().Host;
        var answer = new byte[16];

        var n = host.Device.ControlIn(DfuRequest.Upload, 0, answer, DfuHost.Timeout);

        answer[..n].ShouldBe(new byte[] { 0x00, 0x21, 0x41 });
    }

    [Fact]
    public void Upload_while_a_download_is_open_stalls()
    {
        var host = Bench.Photon().Host;
        host.SetAddress(0x08020000);

        Should.Throw<UsbTransferException>(() => host.Device.ControlIn(DfuRequest.Upload, 2, new byte[16], DfuHost.Timeout))
            .Failure.ShouldBe(UsbFailure.Stall);
    }

    [Fact]
    public void A_Gen2_device_answers_the_leave_then_resets_500_ms_later_and_is_gone()
    {
        var bench = Bench.Photon();
        bench.Host.SetAddress(0x08020000);
        bench.Host.Download(0, []);

        bench.Host.GetStatus().State.ShouldBe(DfuState.DfuDownloadIdle);
        bench.Device.HasLeftDfu.ShouldBeTrue();
        bench.Device.IsOnBus.ShouldBeTrue();
        bench.Clock.Sleep(TimeSpan.FromMilliseconds(500));

        bench.Device.IsOnBus.ShouldBeFalse();
        Should.Throw<UsbTransferException>(() => bench.Host.GetStatus()).Failure.ShouldBe(UsbFailure.DeviceGone);
        Should.Throw<UsbTransferException>(() => bench.Host.Abort()).Failure.ShouldBe(UsbFailure.DeviceGone);
        bench.Device.BootCount.ShouldBe(1);
    }

    [Fact]
    public void A_Core_resets_at_once_so_the_GETSTATUS_after_the_leave_fails()
    {
        var bench = Bench.Core();
        bench.Host.SetAddress(0x08005000);
        bench.Host.Download(0, []);

        Should.Throw<UsbTransferException>(() => bench.Host.GetStatus()).Failure.ShouldBe(UsbFailure.DeviceGone);

        bench.Device.HasLeftDfu.ShouldBeTrue();
        bench.Device.ShownLedPattern.ShouldBe("breathing-cyan");
    }

    [Fact]
    public void A_device_put_back_into_DFU_answers_again()
    {
        var bench = Bench.Core();
        bench.Host.Download(0, []);
        Should.Throw<UsbTransferException>(() => bench.Host.GetStatus());

        bench.Device.ReenterDfu();

        bench.Host.GetStatus().State.ShouldBe(DfuState.DfuIdle);
        bench.Device.ShownLedPattern.ShouldBe("blinking-yellow");
    }

    [Fact]
    public void Every_control_transfer_is_counted_failed_ones_too()
    {
        var bench = Bench.Photon();

        bench.Host.SetAddress(0x08020000);
        Should.Throw<UsbTransferException>(() => bench.Host.Device.ControlIn(DfuRequest.Upload, 1, new byte[4], DfuHost.Timeout));

        bench.Device.TransferCount.ShouldBe(4);
    }
}
