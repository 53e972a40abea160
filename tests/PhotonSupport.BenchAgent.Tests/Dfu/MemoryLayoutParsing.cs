using PhotonSupport.BenchAgent.Dfu;

namespace PhotonSupport.BenchAgent.Tests.Dfu;

public class MemoryLayoutParsing
{
    private const string Gen2InternalFlash = "@Internal Flash   /0x08000000/03*016Ka,01*016Kg,01*064Kg,07*128Kg";
    private const string Gen2Dct = "@DCT Flash   /0x00000000/01*016Kg";
    private const string CoreInternalFlash = "@Internal Flash  /0x08000000/20*001Ka,108*001Kg";
    private const string CoreSpiFlash = "@SPI Flash : SST25x/0x00000000/512*04Kg";

    [Theory]
    [InlineData("Photon")]
    [InlineData("P1")]
    [InlineData("Electron")]
    public void A_Gen2_internal_flash_string_gives_one_MiB_with_a_read_only_bootloader_and_DCT(string platform)
    {
        var layout = MemoryLayout.Parse(Gen2InternalFlash);

        layout.Name.ShouldBe("Internal Flash", platform);
        layout.Segments.Select(s => (s.Start, s.SectorSize, s.SectorCount, s.Permissions)).ShouldBe(
        [
            (0x08000000u, 16u * 1024, 3, SectorPermissions.Readable),
            (0x0800C000u, 16u * 1024, 1, SectorPermissions.Readable | SectorPermissions.Erasable | SectorPermissions.Writable),
            (0x08010000u, 64u * 1024, 1, SectorPermissions.Readable | SectorPermissions.Erasable | SectorPermissions.Writable),
            (0x08020000u, 128u * 1024, 7, SectorPermissions.Readable | SectorPermissions.Erasable | SectorPermissions.Writable),
        ]);
        layout.Segments[^1].End.ShouldBe(0x08100000ul);
    }

    [Fact]
    public void A_Gen2_DCT_string_gives_one_16_KiB_sector_at_offset_zero()
    {
        var layout = MemoryLayout.Parse(Gen2Dct);

        layout.Name.ShouldBe("DCT Flash");
        layout.Segments.ShouldHaveSingleItem().ShouldBe(new Segment(0, 16 * 1024, 1, SectorPermissions.Readable | SectorPermissions.Erasable | SectorPermissions.Writable));
    }

    [Fact]
    public void A_Core_internal_flash_string_gives_128_KiB_of_1_KiB_pages_with_a_20_KiB_bootloader()
    {
        var layout = MemoryLayout.Parse(CoreInternalFlash);

        layout.Segments.Select(s => (s.Start, s.SectorSize, s.SectorCount)).ShouldBe([(0x08000000u, 1024u, 20), (0x08005000u, 1024u, 108)]);
        layout.Segments[0].Permissions.ShouldBe(SectorPermissions.Readable);
        layout.Segments[^1].End.ShouldBe(0x08020000ul);
    }

    [Fact]
    public void A_Core_SPI_flash_string_gives_2_MiB_of_4_KiB_sectors_and_keeps_the_colon_in_its_name()
    {
        var layout = MemoryLayout.Parse(CoreSpiFlash);

        layout.Name.ShouldBe("SPI Flash : SST25x");
        layout.Segments.ShouldHaveSingleItem().End.ShouldBe(2ul * 1024 * 1024);
        layout.Segments[0].SectorSize.ShouldBe(4096u);
    }

    [Fact]
    public void Several_regions_in_one_string_each_start_at_their_own_address_and_units_may_be_M_or_blank()
    {
        var layout = MemoryLayout.Parse("@Flash/0x08000000/02*001Mg/0x1FFF7800/01*512 e,02*016 b");

        layout.Segments.Select(s => (s.Start, s.SectorSize, s.SectorCount, s.Permissions)).ShouldBe(
        [
            (0x08000000u, 1024u * 1024, 2, SectorPermissions.Readable | SectorPermissions.Erasable | SectorPermissions.Writable),
            (0x1FFF7800u, 512u, 1, SectorPermissions.Readable | SectorPermissions.Writable),
            (0x1FFF7A00u, 16u, 2, SectorPermissions.Erasable),
        ]);
        layout.Find(0x08100000).ShouldBe(layout.Segments[0]);
        layout.Find(0x08200000).ShouldBeNull();
        layout.Find(0x1FFF7A1F).ShouldBe(layout.Segments[2]);
    }

    [Theory]
    [InlineData("Internal Flash/0x08000000/01*016Kg")]
    [InlineData("@Internal Flash/0x08000000")]
    [InlineData("@Internal Flash/0x08000000/")]
    [InlineData("@Internal Flash/08000000/01*016Kg")]
    [InlineData("@Internal Flash/0x08000000/01*016Kh")]
    [InlineData("@Internal Flash/0x08000000/01*016Gg")]
    [InlineData("@Internal Flash/0xFFFFC000/02*016Kg")]
    public void A_string_that_is_not_a_DfuSe_layout_is_refused(string text) =>
        Should.Throw<FormatException>(() => MemoryLayout.Parse(text));
}
