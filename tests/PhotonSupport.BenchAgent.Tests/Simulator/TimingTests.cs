using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Tests.Simulator;

public class TimingTests
{
    [Theory]
    [InlineData(0x080A0000u, 1000)] // 128 KiB sector
    [InlineData(0x08020000u, 1000)]
    public void Erasing_a_128_KiB_sector_takes_a_second_of_bench_time(uint address, int milliseconds)
    {
        var bench = Bench.Photon();
        var start = bench.Clock.Elapsed;

        bench.Host.Erase(address);

        var spent = bench.Clock.Elapsed - start;
        spent.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(milliseconds));
        spent.ShouldBeLessThan(TimeSpan.FromMilliseconds(milliseconds + 10));
    }

    [Fact]
    public void The_second_GETSTATUS_blocks_for_the_erase()
    {
        var bench = Bench.Photon();
        bench.Host.Download(0, DfuHost.AddressCommand(DfuseCommand.Erase, 0x080A0000));
        bench.Host.GetStatus();
        var before = bench.Clock.Elapsed;

        bench.Host.GetStatus().State.ShouldBe(DfuState.DfuDownloadIdle);

        (bench.Clock.Elapsed - before).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(999));
    }

    [Fact]
    public void A_GETSTATUS_timeout_shorter_than_the_erase_times_out_and_the_erase_still_completes()
    {
        var bench = Bench.Photon();
        bench.Host.Download(0, DfuHost.AddressCommand(DfuseCommand.Erase, 0x080A0000));
        bench.Host.GetStatus();

        Should.Throw<UsbTransferException>(() => bench.Host.GetStatus(TimeSpan.FromMilliseconds(200))).Failure.ShouldBe(UsbFailure.Timeout);

        bench.Device.Memory(0).Read(0x080A0000, 4096).ShouldAllBe(b => b == 0xFF);
        bench.Host.GetStatus().State.ShouldBe(DfuState.DfuDownloadIdle);
        bench.Clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1000));
    }

    [Fact]
    public void A_4_KiB_block_costs_its_data_stage_and_about_16_ms_of_programming()
    {
        var bench = Bench.Photon();
        bench.Host.Erase(0x080C0000);
        bench.Host.SetAddress(0x080C0000);
        var before = bench.Clock.Elapsed;

        bench.Host.Complete(2, new byte[4096]);

        // DNLOAD 1 ms + 3.4 ms of frames, two GETSTATUS at 1 ms each, 16.4 ms programming.
        (bench.Clock.Elapsed - before).TotalMilliseconds.ShouldBe(1 + 4096 / 1216.0 + 2 + 16.384, 0.01);
    }

    [Fact]
    public void A_Core_page_erase_takes_20_ms()
    {
        var bench = Bench.Core();
        var before = bench.Clock.Elapsed;

        bench.Host.Erase(0x08005000);

        (bench.Clock.Elapsed - before).TotalMilliseconds.ShouldBe(23, 0.01);
    }

    [Fact]
    public void A_Core_asks_for_20_ms_after_an_SPI_flash_erase_and_30_ms_after_an_SPI_flash_write()
    {
        // device-os bootloader/src/core/usb_conf.h: SPI_FLASH_SECTOR_ERASE_TIME 20, SPI_FLASH_SECTOR_WRITE_TIME 30.
        var bench = Bench.Core();
        bench.Device.SelectAltSetting(1);

        bench.Host.Download(0, DfuHost.AddressCommand(DfuseCommand.Erase, 0x3000));
        var erase = bench.Host.GetStatus();
        bench.Host.GetStatus().State.ShouldBe(DfuState.DfuDownloadIdle);
        bench.Host.SetAddress(0x3000);
        bench.Host.Download(2, new byte[1024]);
        var write = bench.Host.GetStatus();

        erase.PollMs.ShouldBe(20);
        write.PollMs.ShouldBe(30);
    }
}
