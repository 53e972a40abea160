using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Tests.Dfu;

public class PermissionChecks
{
    private static readonly MemoryLayout Photon = MemoryLayout.Parse("@Internal Flash   /0x08000000/03*016Ka,01*016Kg,01*064Kg,07*128Kg");

    [Fact]
    public void Reading_the_whole_MiB_including_the_bootloader_is_allowed() =>
        Should.NotThrow(() => Photon.CheckRead(0x08000000, 1024 * 1024));

    [Fact]
    public void Reading_one_byte_past_the_end_is_refused_naming_the_unmapped_address()
    {
        var refusal = Should.Throw<DfuPermissionDeniedException>(() => Photon.CheckRead(0x080FFFF0, 17));

        refusal.Phase.ShouldBe("read");
        refusal.Address.ShouldBe(0x08100000u);
        refusal.Region.ShouldBe("Internal Flash");
        refusal.Message.ShouldStartWith("read at 0x08100000: Internal Flash");
    }

    [Fact]
    public void Writing_over_the_bootloader_is_refused_at_its_first_byte()
    {
        var refusal = Should.Throw<DfuPermissionDeniedException>(() => Photon.CheckWrite(0x08000000, 4));

        refusal.Address.ShouldBe(0x08000000u);
        refusal.Message.ShouldContain("not erasable or writable");
    }

    [Fact]
    public void A_write_that_starts_in_writable_flash_and_runs_into_unmapped_space_is_refused_whole() =>
        Should.Throw<DfuPermissionDeniedException>(() => Photon.CheckWrite(0x080E0000, 128 * 1024 + 1)).Address.ShouldBe(0x08100000u);

    [Fact]
    public void A_sector_that_can_be_written_but_not_erased_refuses_writes_because_a_write_erases_first()
    {
        var layout = MemoryLayout.Parse("@Odd/0x00000000/01*004Ke");

        Should.Throw<DfuPermissionDeniedException>(() => layout.CheckWrite(0, 16)).Message.ShouldContain("not erasable");
    }

    [Fact]
    public void The_sectors_a_write_touches_are_listed_once_each_in_address_order()
    {
        var sectors = Photon.SectorsTouching(0x0800F000, 0x12000);

        sectors.Select(s => (s.Start, s.Size)).ShouldBe([(0x0800C000u, 16u * 1024), (0x08010000u, 64u * 1024), (0x08020000u, 128u * 1024)]);
    }

    [Theory]
    [InlineData(0xd006)]
    [InlineData(0xd008)]
    [InlineData(0xd00a)]
    public void On_Gen2_alt_0_everything_below_0x08020000_is_read_only_though_the_string_says_g(int product)
    {
        var device = new DfuDeviceInfo(0x2b04, (ushort)product, "", "");

        var layout = DeviceQuirks.Effective(device, 0, Photon);

        Should.Throw<DfuPermissionDeniedException>(() => layout.CheckWrite(0x0801FFFF, 1)).Address.ShouldBe(0x0801FFFFu);
        Should.NotThrow(() => layout.CheckWrite(0x08020000, 4096));
        Should.NotThrow(() => layout.CheckRead(0x08000000, 1024 * 1024));
        DeviceQuirks.Effective(device, 1, Photon).ShouldBeSameAs(Photon);
    }

    [Fact]
    public void Restricting_at_an_address_inside_a_segment_splits_it_at_the_sector_boundary()
    {
        var layout = MemoryLayout.Parse("@F/0x00000000/04*001Kg").Restrict(0x0800, SectorPermissions.Writable);

        layout.Segments.Select(s => (s.Start, s.SectorCount, s.Permissions)).ShouldBe(
        [
            (0x0000u, 2, SectorPermissions.Readable | SectorPermissions.Erasable),
            (0x0800u, 2, SectorPermissions.Readable | SectorPermissions.Erasable | SectorPermissions.Writable),
        ]);
    }
}
