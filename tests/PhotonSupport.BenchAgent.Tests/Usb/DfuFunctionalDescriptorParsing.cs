using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Tests.Usb;

public class DfuFunctionalDescriptorParsing
{
    // What a Photon sends (particle-facts.md: bmAttributes 0x0B, detach 255 ms, 4096 bytes, DFU 1.1a).
    private static readonly byte[] Photon = [0x09, 0x21, 0x0B, 0xFF, 0x00, 0x00, 0x10, 0x1A, 0x01];

    [Fact]
    public void A_Photons_functional_descriptor_is_read_field_by_field()
    {
        var functional = DfuFunctionalDescriptors.Find(Photon).ShouldNotBeNull();

        functional.ShouldBe(new DfuFunctionalDescriptor(Attributes: 0x0B, DetachTimeoutMs: 255, TransferSize: 4096, DfuVersion: 0x011A));
        functional.CanDownload.ShouldBeTrue();
        functional.CanUpload.ShouldBeTrue();
        functional.ManifestationTolerant.ShouldBeFalse();
        functional.WillDetach.ShouldBeTrue();
    }

    [Fact]
    public void The_functional_descriptor_is_found_after_other_class_descriptors() =>
        DfuFunctionalDescriptors.Find([0x05, 0x24, 0x00, 0x10, 0x01, .. Photon])!.TransferSize.ShouldBe((ushort)4096);

    [Fact]
    public void A_DFU_1_0_descriptor_without_a_version_reads_as_1_0() =>
        DfuFunctionalDescriptors.Find([0x07, 0x21, 0x03, 0xFF, 0x00, 0x00, 0x04])
            .ShouldBe(new DfuFunctionalDescriptor(0x03, 255, 1024, 0x0100));

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x05, 0x24, 0x00, 0x10, 0x01 })]
    [InlineData(new byte[] { 0x00, 0x21, 0x0B, 0xFF, 0x00, 0x00, 0x10, 0x1A, 0x01 })]
    [InlineData(new byte[] { 0x09, 0x21, 0x0B, 0xFF, 0x00 })]
    public void Bytes_without_a_whole_functional_descriptor_give_none(byte[] extra) =>
        DfuFunctionalDescriptors.Find(extra).ShouldBeNull();
}
