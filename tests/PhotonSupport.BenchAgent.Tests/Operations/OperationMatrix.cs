using PhotonSupport.BenchAgent.Tests.Dfu;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Operations;

/// <summary>
/// Every platform with every scenario it can arrive in (cc3000-outdated only on the Core, sos-after-update
/// only on Gen 2), and what particle-facts.md says about where things sit on each platform.
/// </summary>
internal static class OperationMatrix
{
    public static readonly Platform[] Platforms = [Platform.Core, Platform.Photon, Platform.P1, Platform.Electron];

    private static readonly string[] Everywhere = ["healthy", "missing-server-key", "corrupt-server-key", "wrong-device-key", "safe-mode"];

    public static TheoryData<Platform, string> PlatformsAndScenarios()
    {
        var data = new TheoryData<Platform, string>();
        foreach (var platform in Platforms)
        {
            foreach (var scenario in Everywhere) data.Add(platform, scenario);
            data.Add(platform, platform == Platform.Core ? "cc3000-outdated" : "sos-after-update");
        }
        return data;
    }

    public static TheoryData<Platform> AllPlatforms() => [.. Platforms];

    public static TheoryData<Platform> Gen2Platforms() => [.. Platforms.Where(p => p != Platform.Core)];

    /// <summary>The user application address (particle-facts.md, "Memory maps").</summary>
    public static uint UserApp(Platform platform) => platform switch
    {
        Platform.Core => 0x08005000,
        Platform.Electron => 0x08080000,
        _ => 0x080A0000,
    };

    public static SimulatedBench Bench(Platform platform, params string[] scenarioAndFaults) =>
        SimulatedBench.Of(platform.ToString().ToLowerInvariant(), scenarioAndFaults);

    /// <summary>A read-modify-write changed nothing outside the slot it was for.</summary>
    public static void ShouldDifferOnlyInside(this byte[] after, byte[] before, uint slot, int size)
    {
        var end = (int)slot + size;
        after[..(int)slot].ShouldBe(before[..(int)slot]);
        after[end..].ShouldBe(before[end..]);
    }
}
