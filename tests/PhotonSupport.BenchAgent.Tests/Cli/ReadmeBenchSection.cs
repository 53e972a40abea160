using System.Text.RegularExpressions;
using PhotonSupport.BenchAgent.Cli;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Cli;

/// <summary>The README's "The bench agent" section and the CLI agree, both ways.</summary>
public sealed class ReadmeBenchSection : CliBenchTest
{
    private const string Prefix = "dotnet run --project BenchAgent -- ";

    /// <summary>The command lines of the README's bench block, after the <c>dotnet run</c> prefix, without comments.</summary>
    public static TheoryData<string> Invocations() =>
        [.. Section().Split('\n').Where(l => l.StartsWith(Prefix, StringComparison.Ordinal)).Select(l => l[Prefix.Length..].Split('#')[0].Trim())];

    [Theory]
    [MemberData(nameof(Invocations))]
    public void Every_invocation_the_README_shows_works_on_a_simulated_Photon(string invocation)
    {
        var command = invocation.Split(' ')[0];
        var words = invocation.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => Placeholder(w.Trim('[', ']'), command)).ToArray();
        if (words[0] == "run")
        {
            // The daemon needs an Api; that its documented arguments parse is what the README promises.
            Should.NotThrow(() => CliArguments.Parse(words[1..], CommandTable.All.Single(c => c.Name == "run")));
            return;
        }

        string[] bench = CommandTable.All.Any(c => c.Name == command && c.TakesSimulatedDevices)
            ? ["--no-usb", "--virtual-time", "--simulate", $"photon:{DeviceId}:safe-mode"]
            : [];
        var code = CommandLine.Run(CommandTable.All, [.. words, .. bench], new CliConsole(new StringReader(""), Output, Error));

        code.ShouldBe(ExitCodes.Done, Error.ToString());
    }

    [Fact]
    public void Every_option_of_every_command_is_in_the_README()
    {
        var section = Section();

        foreach (var spelling in CommandTable.All.SelectMany(c => c.AllOptions).SelectMany(o => o.Spellings).Distinct())
            Regex.IsMatch(section, $@"(?<![\w-]){Regex.Escape(spelling)}(?![\w-])").ShouldBeTrue(spelling);
    }

    [Fact]
    public void The_README_names_every_scenario_and_fault_the_simulator_accepts()
    {
        var section = Section();

        foreach (var word in SimulatedDeviceSpec.ScenarioNames.Concat(SimulatorFaults.Vocabulary.Select(f => f.Syntax)))
            section.ShouldContain($"`{word}`", customMessage: word);
    }

    /// <summary>The README's placeholders as a technician fills them in: this device, files in the test's folder.</summary>
    private string Placeholder(string word, string command) => word switch
    {
        "ID" => DeviceId,
        "HOST" => "device.spark.io",
        "URL" => "http://127.0.0.1:5080",
        "T" or "AGENT_TOKEN" => "agent-token",
        "FILE" => command switch
        {
            "flash" => FileWith("tinker.bin", SimulatedFirmware.Tinker(Platform.Photon)),
            "restore-backup" => FileWith("PHOTON_backup.bin", Devices.Add($"photon:{DeviceId}:healthy").Memory(0).Image()),
            _ => Path.Combine(Folder, "agent.json"),
        },
        _ when word.EndsWith(".bin", StringComparison.Ordinal) => Path.Combine(Folder, word.Replace("ID", DeviceId, StringComparison.Ordinal)),
        _ => word,
    };

    private static string Section()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "PhotonSupport.sln")))
            folder = folder.Parent ?? throw new InvalidOperationException("the tests run outside the repository: no PhotonSupport.sln above them");
        var readme = File.ReadAllText(Path.Combine(folder.FullName, "README.md"));
        var start = readme.IndexOf("## The bench agent\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, "README.md has a section \"The bench agent\"");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }
}
