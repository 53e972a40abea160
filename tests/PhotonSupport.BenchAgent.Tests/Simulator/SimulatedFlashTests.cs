using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Simulator;

namespace PhotonSupport.BenchAgent.Tests.Simulator;

public class SimulatedFlashTests
{
    private static SimulatedFlash Photon() => new(MemoryLayout.Parse(DeviceProfile.Gen2InternalFlash));

    [Fact]
    public void Erasing_sets_the_touched_sector_to_FF_and_leaves_its_neighbours()
    {
        var flash = Photon();
        flash.Program(0x0801FFF0, new byte[0x20]); // zeros across the 64 KiB / 128 KiB boundary

        flash.Erase(0x08020010, out var sector).ShouldBe(FlashRefusal.None);

        sector!.Start.ShouldBe(0x08020000u);
        flash.Read(0x08020000, 0x10).ShouldAllBe(b => b == 0xFF);
        flash.Read(0x0801FFF0, 0x10).ShouldAllBe(b => b == 0x00);
    }

    [Fact]
    public void A_write_can_only_clear_bits_so_writing_over_unerased_data_corrupts_it()
    {
        var flash = Photon();
        flash.Write(0x080A0000, [0xF0, 0xFF]).ShouldBe(FlashRefusal.None);

        flash.Write(0x080A0000, [0x0F, 0x3C]).ShouldBe(FlashRefusal.None);

        flash.Read(0x080A0000, 2).ShouldBe(new byte[] { 0xF0 & 0x0F, 0x3C });
    }

    [Fact]
    public void Read_only_sectors_refuse_erase_and_write_and_keep_their_bytes()
    {
        var flash = Photon();
        flash.Program(0x08000000, [0x12, 0x34]);

        flash.Erase(0x08000000, out _).ShouldBe(FlashRefusal.NotPermitted);
        flash.Write(0x08000000, [0x00]).ShouldBe(FlashRefusal.NotPermitted);
        // A write that ends in a read-only sector is refused whole.
        flash.Write(0x08003FFF, [0x00, 0x00]).ShouldBe(FlashRefusal.NotPermitted);

        flash.Read(0x08000000, 2).ShouldBe(new byte[] { 0x12, 0x34 });
    }

    [Fact]
    public void Addresses_outside_the_layout_read_as_zeros_and_refuse_writes()
    {
        var flash = Photon();

        flash.Read(0x080FFFFE, 4).ShouldBe(new byte[] { 0xFF, 0xFF, 0x00, 0x00 });
        flash.Write(0x08100000, [0x00]).ShouldBe(FlashRefusal.Unmapped);
        flash.Erase(0x20000000, out _).ShouldBe(FlashRefusal.Unmapped);
    }
}
