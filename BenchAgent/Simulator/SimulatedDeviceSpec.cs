using System.Globalization;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Simulator;

/// <summary>
/// A simulated device named in one string, <c>platform:deviceId[:scenario][:fault…]</c>, for example
/// <c>photon:0123456789abcdef01234567:missing-server-key:flaky-usb=9</c>. The scenario defaults to healthy.
/// </summary>
public sealed record SimulatedDeviceSpec(Platform Platform, string DeviceId, SimulatorScenario Scenario, SimulatorFaults Faults)
{
    public const int DefaultFlakyEvery = 7;
    public const int DefaultUnplugAfterDataBlocks = 3;

    public static SimulatedDeviceSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length < 2) throw new FormatException($"a simulated device is 'platform:deviceId[:scenario][:fault…]', not '{text}'");
        if (!Enum.TryParse<Platform>(parts[0], ignoreCase: true, out var platform) || !Enum.IsDefined(platform))
            throw new FormatException($"unknown platform '{parts[0]}' (one of {string.Join(", ", PlatformCatalog.Names)})");
        if (!DeviceIds.IsValid(parts[1])) throw new FormatException($"'{parts[1]}' is not a device id (24 hex characters)");
        var deviceId = DeviceIds.Normalize(parts[1]);

        var scenario = SimulatorScenario.Healthy;
        var faults = SimulatorFaults.None;
        foreach (var word in parts.Skip(2))
        {
            if (TryScenario(word, out var named)) scenario = named;
            else faults = WithFault(faults, word, deviceId);
        }
        var spec = new SimulatedDeviceSpec(platform, deviceId, scenario, faults);
        spec.CheckScenarioFitsPlatform();
        return spec;
    }

    public void CheckScenarioFitsPlatform()
    {
        if (Scenario == SimulatorScenario.Cc3000Outdated && Platform != Platform.Core)
            throw new FormatException("cc3000-outdated is a Core scenario: only the Core has a CC3000");
        if (Scenario == SimulatorScenario.SosAfterUpdate && Platform == Platform.Core)
            throw new FormatException("sos-after-update needs system parts, which the Core's monolithic firmware lacks");
    }

    /// <summary>The kebab-case name a scenario has in spec strings ("missing-server-key").</summary>
    public static string NameOf(SimulatorScenario scenario) =>
        string.Concat(scenario.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static bool TryScenario(string word, out SimulatorScenario scenario)
    {
        foreach (var candidate in Enum.GetValues<SimulatorScenario>())
        {
            if (string.Equals(NameOf(candidate), word, StringComparison.OrdinalIgnoreCase))
            {
                scenario = candidate;
                return true;
            }
        }
        scenario = default;
        return false;
    }

    private static SimulatorFaults WithFault(SimulatorFaults faults, string word, string deviceId)
    {
        var equals = word.IndexOf('=');
        var name = (equals < 0 ? word : word[..equals]).ToLowerInvariant();
        int? number = null;
        if (equals >= 0)
        {
            if (!int.TryParse(word[(equals + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                throw new FormatException($"'{word}': the number after '=' must be a positive integer");
            number = n;
        }
        return name switch
        {
            // The seed comes from the device id, so the same spec fails the same transfers the same way every run.
            "flaky-usb" => faults with
            {
                FlakyEvery = number ?? DefaultFlakyEvery,
                FlakySeed = int.Parse(deviceId[..7], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            },
            "unplug-mid-write" => faults with { UnplugAfterDataBlocks = number ?? DefaultUnplugAfterDataBlocks },
            "stuck-busy" => faults with { StuckBusy = true },
            "erase-silently-fails" => faults with { EraseSilentlyFails = true },
            "swapped-on-port" => faults with { SwappedOnPort = true },
            _ => throw new FormatException(
                $"unknown scenario or fault '{word}' (scenarios: {string.Join(", ", Enum.GetValues<SimulatorScenario>().Select(NameOf))}; " +
                "faults: flaky-usb[=N], unplug-mid-write[=K], stuck-busy, erase-silently-fails, swapped-on-port)"),
        };
    }

    public override string ToString() => $"{Platform.ToString().ToLowerInvariant()}:{DeviceId}:{NameOf(Scenario)}";
}
