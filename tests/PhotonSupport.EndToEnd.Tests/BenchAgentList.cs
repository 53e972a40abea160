using PhotonSupport.Testing;

namespace PhotonSupport.EndToEnd.Tests;

public sealed class BenchAgentList
{
    [Fact]
    public async Task Listing_through_the_real_libusb_on_a_machine_without_devices_says_so_and_exits_0()
    {
        await using var list = ProgramProcess.Agent("list");

        (await list.ExitCodeAsync(TestContext.Current.CancellationToken)).ShouldBe(0, string.Join(Environment.NewLine, list.Output));
        list.Output.ShouldContain("No DFU devices attached.");
    }
}
