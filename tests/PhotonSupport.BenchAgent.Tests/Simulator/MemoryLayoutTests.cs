using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Simulator;

namespace PhotonSupport.BenchAgent.Tests.Simulator;

public class MemoryLayoutTests
{
    [Fact]
    public void The_Photon_internal_flash_string_gives_twelve_sectors_with_their_modes()
    {
        var layout = MemoryLayout.Parse(DeviceProfile.Gen2InternalFlash);

        layout.Name.ShouldBe("Internal Flash");
        layout.Sectors.Count.ShouldBe(12);
        layout.Start.ShouldBe(0x08000000u);
        layout.End.ShouldBe(0x08100000u);
        layout.Sectors[0].ShouldBe(new MemorySector(0x08000000, 0x4000, Readable: true, Erasable: false, Writable: false));
        layout.Sectors[3].ShouldBe(new MemorySector(0x0800C000, 0x4000, true, true, true));
        layout.Sectors[4].ShouldBe(new MemorySector(0x08010000, 0x10000, true, true, true));
        layout.Sectors[5].Start.ShouldBe(0x08020000u);
        layout.Sectors[5].Size.ShouldBe(0x20000u);
    }

    [Fact]
    public void The_Core_layouts_count_pages_in_kibibytes()
    {
        var spi = MemoryLayout.Parse(DeviceProfile.CoreSpiFlash);
        var internalFlash = MemoryLayout.Parse(DeviceProfile.CoreInternalFlash);

        spi.Name.ShouldBe("SPI Flash : SST25x");
        spi.Sectors.Count.ShouldBe(512);
        spi.End.ShouldBe(0x200000u);
        internalFlash.Sectors.Count(s => !s.Writable).ShouldBe(20);
        internalFlash.End.ShouldBe(0x08020000u);
    }

    [Fact]
    public void Sizes_without_a_unit_are_bytes_and_M_is_a_mebibyte()
    {
        var layout = MemoryLayout.Parse("@Odd /0x00000100/02*512 e,01*001Mg");

        layout.Sectors.Select(s => s.Size).ShouldBe([512u, 512u, 1024u * 1024u]);
        // 'e' = 5: readable and writable, not erasable (AN3156 mode bits).
        layout.Sectors[0].Readable.ShouldBeTrue();
        layout.Sectors[0].Erasable.ShouldBeFalse();
        layout.Sectors[0].Writable.ShouldBeTrue();
    }

    [Fact]
    public void The_sectors_a_write_touches_include_both_ends()
    {
        var layout = MemoryLayout.Parse(DeviceProfile.Gen2InternalFlash);

        layout.SectorsTouching(0x0801FFFF, 2).Select(s => s.Start).ShouldBe([0x08010000u, 0x08020000u]);
        layout.SectorAt(0x08100000).ShouldBeNull();
    }

    [Theory]
    [InlineData("Internal Flash /0x08000000/01*016Kg")]
    [InlineData("@Internal Flash /8000000/01*016Kg")]
    [InlineData("@Internal Flash /0x08000000/01*016Kz")]
    [InlineData("@Internal Flash /0x08000000/")]
    public void A_string_that_is_not_a_DfuSe_layout_is_refused(string text)
    {
        Should.Throw<FormatException>(() => MemoryLayout.Parse(text));
    }
}
