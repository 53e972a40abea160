using PhotonSupport.BenchAgent.Cli;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Tests.Cli;

public class ListCommandOutput
{
    private sealed class FixedDevices(params DfuDeviceInfo[] devices) : IDfuDeviceSource
    {
        public IReadOnlyList<DfuDeviceInfo> List() => devices;

        public IDfuTransport Open(DfuDeviceInfo device) =>
            throw new InvalidOperationException("listing never opens a device");
    }

    [Fact]
    public void Each_DFU_device_is_listed_with_platform_device_id_and_location()
    {
        var output = new StringWriter();

        ListCommand.Run([new FixedDevices(
            new DfuDeviceInfo(0x2b04, 0xd006, "3C002B000347343339373536", "1-2"),
            new DfuDeviceInfo(0x1d50, 0x607f, "8D7A3B5E4849", "1-3.1"))], output).ShouldBe(0);

        output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).ShouldBe(
        [
            "2b04:d006  Photon    3c002b000347343339373536  1-2",
            "1d50:607f  Core      serial \"8D7A3B5E4849\"  1-3.1",
            "2 DFU devices attached.",
        ]);
    }
}
