using PhotonSupport.BenchAgent.Usb;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Usb;

public class ParticleDeviceRecognition
{
    [Theory]
    [InlineData("3C002B000347343339373536")]
    [InlineData("ABC_3c002b000347343339373536")]
    [InlineData("3c002b000347343339373536-dfu")]
    public void The_device_id_is_the_run_of_24_hex_digits_in_the_serial_number(string serial) =>
        ParticleDfuDevices.DeviceIdFromSerial(serial).ShouldBe("3c002b000347343339373536");

    [Theory]
    [InlineData("")]
    [InlineData("3C002B00034734333937353")]
    [InlineData("00000000001A")]
    [InlineData("3C002B0003473433393735360")]
    public void A_serial_number_without_exactly_24_hex_digits_in_a_row_has_no_device_id(string serial) =>
        ParticleDfuDevices.DeviceIdFromSerial(serial).ShouldBeNull();

    [Theory]
    [InlineData(0x1d50, 0x607f, Platform.Core)]
    [InlineData(0x2b04, 0xd006, Platform.Photon)]
    [InlineData(0x2b04, 0xd008, Platform.P1)]
    [InlineData(0x2b04, 0xd00a, Platform.Electron)]
    public void Each_platforms_DFU_mode_usb_id_is_recognised(int vendorId, int productId, Platform platform) =>
        ParticleDfuDevices.PlatformOf((ushort)vendorId, (ushort)productId).ShouldBe(platform);

    [Theory]
    [InlineData(0x2b04, 0xc006)]
    [InlineData(0x0483, 0xdf11)]
    public void A_device_in_normal_mode_or_another_vendors_DFU_device_is_not_ours(int vendorId, int productId) =>
        ParticleDfuDevices.PlatformOf((ushort)vendorId, (ushort)productId).ShouldBeNull();
}
