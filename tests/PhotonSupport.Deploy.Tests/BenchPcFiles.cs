using System.Diagnostics;

namespace PhotonSupport.Deploy.Tests;

public sealed class BenchPcFiles
{
    private const string Unit = "bench/photonsupport-bench-agent.service";

    /// <summary>The unit's settings by section; a key given twice keeps its last value, as systemd does for these.</summary>
    private static Dictionary<string, Dictionary<string, string>> Sections()
    {
        var sections = new Dictionary<string, Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in File.ReadAllLines(DeployFiles.PathOf(Unit)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (line.StartsWith('[')) sections[line.Trim('[', ']')] = current = [];
            else
            {
                current.ShouldNotBeNull($"'{line}' stands before any section");
                var equals = line.IndexOf('=');
                equals.ShouldBePositive($"'{line}' is not a Key=value line");
                current[line[..equals]] = line[(equals + 1)..];
            }
        }
        return sections;
    }

    [Fact]
    public void The_agent_runs_as_photonbench_with_its_token_from_a_file_restarted_and_hardened()
    {
        var sections = Sections();
        sections.Keys.Order().ShouldBe(["Install", "Service", "Unit"]);
        var service = sections["Service"];

        service["User"].ShouldBe("photonbench");
        service["ExecStart"].ShouldContain(" run --token-file ");
        service["ExecStart"].ShouldNotContain("--token ");
        service["LoadCredential"].ShouldStartWith("agent-token:/etc/photonsupport/");
        service["EnvironmentFile"].ShouldBe("/etc/photonsupport/bench-agent.env");
        service["Restart"].ShouldBe("on-failure");
        service["NoNewPrivileges"].ShouldBe("yes");
        service["ProtectSystem"].ShouldBe("strict");
        service["ProtectHome"].ShouldBe("yes");
        service["CapabilityBoundingSet"].ShouldBe("");
        sections["Install"]["WantedBy"].ShouldBe("multi-user.target");
    }

    [Fact]
    public void Systemd_finds_nothing_wrong_with_the_unit_but_the_program_not_installed_here()
    {
        if (!File.Exists("/usr/bin/systemd-analyze")) Assert.Skip("systemd-analyze is not installed");

        using var process = Process.Start(new ProcessStartInfo("/usr/bin/systemd-analyze", ["verify", DeployFiles.PathOf(Unit)])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        })!;
        var complaints = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        complaints.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.Contains("/opt/photonsupport/bench-agent/PhotonSupport.BenchAgent is not executable: No such file or directory"))
            .ShouldBeEmpty();
    }

    [Fact]
    public void The_udev_rule_lets_the_photonbench_group_alone_open_every_platform_in_dfu_mode()
    {
        var rules = File.ReadAllLines(DeployFiles.PathOf("bench/50-particle-dfu.rules")).Where(l => l.StartsWith("SUBSYSTEM", StringComparison.Ordinal)).ToArray();

        // particle-facts: DFU mode is 1d50:607f on the Core, 2b04:d006 / d008 / d00a on the Photon, P1 and Electron.
        string[] dfu = ["1d50:607f", "2b04:d006", "2b04:d008", "2b04:d00a"];
        rules.Select(r => $"{Attribute(r, "idVendor")}:{Attribute(r, "idProduct")}").Order().ShouldBe(dfu);
        rules.ShouldAllBe(r => r.Contains("MODE=\"0660\"") && r.Contains("GROUP=\"photonbench\""));
    }

    private static string Attribute(string rule, string name)
    {
        var start = rule.IndexOf($"ATTR{{{name}}}==\"", StringComparison.Ordinal) + name.Length + 9;
        return rule[start..rule.IndexOf('"', start)];
    }
}
