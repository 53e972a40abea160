using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using PhotonSupport.Testing;

namespace PhotonSupport.Deploy.Tests;

// systemd and udev are Linux's.
[SupportedOSPlatform("linux")]
public sealed partial class BenchPcFiles
{
    private const string Unit = "bench/photonsupport-bench-agent.service";
    private const string InstalledAgent = "/opt/photonsupport/bench-agent/PhotonSupport.BenchAgent";

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
    public async Task Systemd_analyze_verify_finds_nothing_wrong_with_the_unit()
    {
        var verify = await SystemdAnalyzeAsync("verify");

        verify.Exit.ShouldBe(0, verify.ToString());
        verify.Stderr.ShouldBeEmpty();
        verify.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Systemd_analyze_security_rates_the_units_exposure_OK_or_better()
    {
        // Exposure runs from 0.0 (safe) to 10.0 (unsafe); below 5.0 systemd calls it OK. --threshold takes it times ten
        // and exits non-zero above it. The unit rates 3.4 today (no system call filter, no IP allow list: the Api may
        // be anywhere).
        var security = await SystemdAnalyzeAsync("security", "--offline=true", "--threshold=49");

        security.Exit.ShouldBe(0, security.ToString());
        security.Stdout.ShouldContain("Overall exposure level for photonsupport-bench-agent.service");
    }

    /// <summary>
    /// systemd-analyze on a copy of the unit, under its own name, whose ExecStart names an executable file in a temp folder:
    /// systemd refuses a unit whose program is missing, and the agent is not installed here. Nothing else is changed.
    /// </summary>
    private static async Task<Command.Result> SystemdAnalyzeAsync(params string[] command)
    {
        const string systemdAnalyze = "/usr/bin/systemd-analyze";
        if (!File.Exists(systemdAnalyze)) Assert.Skip("systemd-analyze is not installed: deploy/local/deploy-tools.sh ensure-installed");
        var folder = Directory.CreateTempSubdirectory("photonsupport-unit-").FullName;
        try
        {
            var agent = Path.Combine(folder, "PhotonSupport.BenchAgent");
            File.WriteAllText(agent, "#!/bin/sh\n");
            File.SetUnixFileMode(agent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var shipped = File.ReadAllText(DeployFiles.PathOf(Unit));
            shipped.Split(InstalledAgent).Length.ShouldBe(2, $"the unit should name {InstalledAgent} once");
            var unit = Path.Combine(folder, Path.GetFileName(Unit));
            File.WriteAllText(unit, shipped.Replace(InstalledAgent, agent, StringComparison.Ordinal));

            return await Command.RunAsync(systemdAnalyze, [.. command, unit], environment: null, TimeSpan.FromMinutes(1));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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

    /// <summary>
    /// systemd 252 (Debian 12) has no <c>udevadm verify</c> (it came in 254), and its <c>udevadm test</c> reads only the
    /// installed rule folders: so the rule is read as udev(7) defines its syntax, a comma-separated list of
    /// <c>KEY[{attribute}] OPERATOR "value"</c>, with keys from udev(7)'s lists, match keys compared (==, !=) and
    /// assignment keys assigned (=, +=, -=, :=).
    /// </summary>
    [Fact]
    public void Every_line_of_the_udev_rule_pairs_keys_udev_documents_with_operators_that_fit_them()
    {
        var lines = File.ReadAllLines(DeployFiles.PathOf("bench/50-particle-dfu.rules")).Where(l => l.Trim() is { Length: > 0 } t && !t.StartsWith('#')).ToArray();

        lines.Length.ShouldBe(4);
        foreach (var line in lines)
        {
            var pairs = UdevPair().Matches(line + ",");
            string.Concat(pairs.Select(p => p.Value)).ShouldBe(line + ",", "every part of the line is a KEY OP \"value\" pair");
            foreach (var pair in pairs.ToArray())
            {
                var key = pair.Groups["key"].Value + (pair.Groups["attribute"].Success ? "{}" : "");
                (pair.Groups["op"].Value is "==" or "!=" ? UdevMatchKeys : UdevAssignmentKeys).ShouldContain(key, line);
                if (key == "MODE") pair.Groups["value"].Value.ShouldMatch("^0[0-7]{3}$");
            }
        }
    }

    // udev(7) of systemd 252; "{}" marks a key that takes an attribute name.
    private static readonly string[] UdevMatchKeys =
    [
        "ACTION", "DEVPATH", "KERNEL", "KERNELS", "NAME", "SYMLINK", "SUBSYSTEM", "SUBSYSTEMS", "DRIVER", "DRIVERS", "ATTR{}", "ATTRS{}",
        "SYSCTL{}", "ENV{}", "CONST{}", "TAG", "TAGS", "TEST{}", "PROGRAM", "RESULT",
    ];

    private static readonly string[] UdevAssignmentKeys =
        ["NAME", "SYMLINK", "OWNER", "GROUP", "MODE", "SECLABEL{}", "ATTR{}", "SYSCTL{}", "ENV{}", "TAG", "RUN{}", "LABEL", "GOTO", "IMPORT{}", "OPTIONS"];

    /// <summary>One key-value pair with the comma after it (the test adds one after the last).</summary>
    [GeneratedRegex("""\s*(?<key>[A-Z]+)(?<attribute>\{[^}]+\})?\s*(?<op>==|!=|\+=|-=|:=|=)\s*"(?<value>[^"]*)"\s*,""")]
    private static partial Regex UdevPair();

    private static string Attribute(string rule, string name)
    {
        var start = rule.IndexOf($"ATTR{{{name}}}==\"", StringComparison.Ordinal) + name.Length + 9;
        return rule[start..rule.IndexOf('"', start)];
    }
}
