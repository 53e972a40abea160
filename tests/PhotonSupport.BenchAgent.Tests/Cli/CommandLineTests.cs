using PhotonSupport.BenchAgent.Cli;

namespace PhotonSupport.BenchAgent.Tests.Cli;

/// <summary>The program's command line as a technician types it: the words, the streams, the exit code.</summary>
public sealed class CommandLineTests : CliBenchTest
{
    /// <summary>The simulator's vocabulary as the README documents it.</summary>
    private static readonly string[] Scenarios =
        ["healthy", "missing-server-key", "corrupt-server-key", "wrong-device-key", "safe-mode", "cc3000-outdated", "sos-after-update"];

    private static readonly string[] Faults = ["flaky-usb[=N]", "unplug-mid-write[=K]", "stuck-busy", "erase-silently-fails"];

    [Fact]
    public void The_documented_backup_with_short_o_saves_the_whole_1_MiB_of_a_Photon_and_exits_0()
    {
        var file = Path.Combine(Folder, $"PHOTON_backup_{DeviceId}.bin");

        Run("backup", "--device", DeviceId, "-o", file, "--no-usb", "--virtual-time", "--simulate", $"photon:{DeviceId}").ShouldBe(0);

        new FileInfo(file).Length.ShouldBe(1_048_576);
        Output.ToString().ShouldContain(file);
    }

    [Fact]
    public void A_value_may_follow_its_option_after_an_equals_sign()
    {
        var file = Path.Combine(Folder, "backup.bin");

        Run("backup", $"--device={DeviceId}", $"--output={file}", "--no-usb", "--virtual-time", $"--simulate=photon:{DeviceId}").ShouldBe(0);

        new FileInfo(file).Length.ShouldBe(1_048_576);
    }

    [Theory]
    [InlineData("backup", "--o", "-o")]
    [InlineData("backup", "--out", "--output")]
    [InlineData("backup", "--devcie", "--device")]
    [InlineData("flash", "--adress", "--address")]
    [InlineData("flash", "--rwa", "--raw")]
    [InlineData("restore-server-key", "--yse", "--yes")]
    [InlineData("list", "--simualte", "--simulate")]
    [InlineData("run", "--token-fiel", "--token-file")]
    [InlineData("run", "--insecrue", "--insecure")]
    [InlineData("keys-doctor", "-device", "--device")]
    public void A_misspelt_option_exits_2_naming_it_and_the_near_miss(string command, string typed, string meant)
    {
        Run(command, typed, "x").ShouldBe(ExitCodes.Usage);

        Error.ToString().ShouldContain($"unknown option {typed} (did you mean {meant}?)");
        Output.ToString().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("backup", "--yes", "--device, -o/--output, --simulate, --no-usb, --virtual-time, -h/--help")]
    [InlineData("keys-doctor", "--server", "--device, --yes, --simulate, --no-usb, --virtual-time, -h/--help")]
    [InlineData("restore-backup", "--raw", "--device, --yes, --simulate, --no-usb, --virtual-time, -h/--help")]
    [InlineData("list", "--verbose", "--simulate, --no-usb, --virtual-time, -h/--help")]
    [InlineData("run", "--device", "--api, --token-file, --insecure, --config, --simulate, --no-usb, --virtual-time, -h/--help")]
    [InlineData("flash", "-f", "--device, --address, --raw, --yes, --simulate, --no-usb, --virtual-time, -h/--help")]
    public void An_option_the_command_does_not_take_exits_2_listing_the_options_it_does_take(string command, string typed, string valid)
    {
        Run(command, typed).ShouldBe(ExitCodes.Usage);

        Error.ToString().ShouldContain($"{command}: unknown option {typed}");
        Error.ToString().ShouldContain($"its options: {valid}.");
        Error.ToString().ShouldContain($"usage: PhotonSupport.BenchAgent {command}");
    }

    [Theory]
    [InlineData("a missing value", "-o needs a value", "backup", "--device", DeviceId, "-o")]
    [InlineData("a forgotten value", "--device needs a value", "backup", "--device", "-o", "out.bin")]
    [InlineData("a stray argument", "backup takes no argument 'out.bin'", "backup", "--device", DeviceId, "out.bin")]
    [InlineData("a missing required option", "backup needs -o FILE", "backup", "--device", DeviceId)]
    [InlineData("a missing file", "flash needs FILE", "flash", "--device", DeviceId, "--address", "0x080A0000")]
    [InlineData("two files", "takes one FILE", "restore-backup", "--device", DeviceId, "a.bin", "b.bin")]
    [InlineData("an option given twice", "--address is given twice", "flash", "--device", DeviceId, "--address", "0x080A0000", "--address", "0x08020000", "t.bin")]
    [InlineData("a switch with a value", "--yes takes no value", "keys-doctor", "--device", DeviceId, "--yes=no")]
    public void A_malformed_command_line_exits_2_saying_what_is_wrong(string mistake, string message, params string[] args)
    {
        Run(args).ShouldBe(ExitCodes.Usage);

        Error.ToString().ShouldContain(message, customMessage: mistake);
    }

    [Fact]
    public void A_config_file_that_is_missing_or_not_JSON_exits_2_naming_it()
    {
        var missing = Path.Combine(Folder, "no-such-agent.json");
        var broken = FileWith("agent.json", "{ \"api\": "u8.ToArray());

        Run("run", "--config", missing).ShouldBe(ExitCodes.Usage);
        Run("run", "--config", broken).ShouldBe(ExitCodes.Usage);

        Error.ToString().ShouldContain($"--config {missing} can't be read");
        Error.ToString().ShouldContain($"--config {broken} is not valid agent settings JSON");
        Error.ToString().ShouldNotContain("   at ");
    }

    [Fact]
    public void An_unknown_simulator_fault_exits_2_listing_the_scenarios_and_faults()
    {
        Run("list", "--no-usb", "--simulate", $"photon:{DeviceId}:flaky").ShouldBe(ExitCodes.Usage);

        Error.ToString().ShouldContain("unknown scenario or fault 'flaky'");
        foreach (var word in Scenarios.Concat(Faults)) Error.ToString().ShouldContain(word);
    }

    [Theory]
    [InlineData("run", "--api URL", "--token-file FILE", "--insecure", "--config FILE", "--simulate SPEC", "--no-usb", "--virtual-time")]
    [InlineData("list", "--simulate SPEC", "--no-usb", "--virtual-time")]
    [InlineData("backup", "--device ID", "-o, --output FILE", "--simulate SPEC")]
    [InlineData("restore-server-key", "--device ID", "--server HOST", "--yes")]
    [InlineData("keys-doctor", "--device ID", "--yes")]
    [InlineData("flash", "--device ID", "--address ADDRESS", "--raw", "--yes", "FILE")]
    [InlineData("restore-backup", "--device ID", "--yes", "FILE")]
    public void Each_commands_help_goes_to_stdout_with_exit_0_listing_its_options_the_simulator_and_exit_codes(string command, params string[] options)
    {
        string[][] asked = [[command, "--help"], [command, "-h"], ["help", command], [command, "--device", DeviceId, "--help"]];
        var pages = asked.Select(words => (Code: Run(words), Page: Drain(Output))).ToArray();

        pages.ShouldAllBe(p => p.Code == 0);
        Error.ToString().ShouldBeEmpty();
        pages.Select(p => p.Page).Distinct().Count().ShouldBe(1);
        var help = pages[0].Page;
        help.ShouldStartWith($"usage: PhotonSupport.BenchAgent {command}");
        foreach (var option in options.Append("-h, --help")) help.ShouldContain(option);
        foreach (var word in Scenarios.Concat(Faults)) help.ShouldContain(word);
        help.ShouldContain("exit codes:");
        help.ShouldContain("  0  done");
        help.ShouldContain("  2  usage");
    }

    [Fact]
    public void Flash_help_documents_exit_6_for_a_refused_module_header_and_where_user_apps_start()
    {
        Run("flash", "--help").ShouldBe(0);

        Output.ToString().ShouldContain("  6  refused");
        foreach (var userApp in new[] { "0x080A0000", "0x08080000", "0x08005000" }) Output.ToString().ShouldContain(userApp);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void The_top_level_help_lists_every_command_on_stdout_with_exit_0(string asked)
    {
        Run(asked).ShouldBe(0);

        foreach (var command in new[] { "run", "list", "backup", "restore-server-key", "keys-doctor", "flash", "restore-backup" })
            Output.ToString().ShouldContain($"\n  {command} ");
        Error.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void No_command_at_all_prints_the_command_list_on_stderr_and_exits_2()
    {
        Run().ShouldBe(ExitCodes.Usage);

        Error.ToString().ShouldContain("restore-server-key");
        Output.ToString().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("bakup")]
    [InlineData("help", "bakup")]
    public void An_unknown_command_exits_2_suggesting_the_near_one(params string[] args)
    {
        Run(args).ShouldBe(ExitCodes.Usage);

        Error.ToString().ShouldContain("unknown command 'bakup' (did you mean backup?)");
    }


    private static string Drain(StringWriter writer)
    {
        var text = writer.ToString();
        writer.GetStringBuilder().Clear();
        return text;
    }
}
