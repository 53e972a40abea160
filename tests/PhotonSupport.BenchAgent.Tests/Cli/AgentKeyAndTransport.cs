using System.Runtime.Versioning;
using PhotonSupport.BenchAgent.Agent;
using PhotonSupport.BenchAgent.Cli;

namespace PhotonSupport.BenchAgent.Tests.Cli;

/// <summary>
/// The daemon carries its key and images holding device private keys: plain http only to this machine unless told
/// --insecure, and the key from a private file or the environment, never from the command line.
/// </summary>
[UnsupportedOSPlatform("windows")] // file modes are what the rule checks
public sealed class AgentKeyAndTransport : CliBenchTest
{
    private const string Key = "ps_0123456789abcdef_secret";
    private const string RemoteHttp = "http://support.example.com:5080";

    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Plain_http_to_another_machine_is_refused_with_exit_2_saying_why()
    {
        Run("run", "--api", RemoteHttp, "--token-file", PrivateKeyFile()).ShouldBe(ExitCodes.Usage);

        Error.ToString().ShouldContain("refusing plain http to support.example.com");
        Error.ToString().ShouldContain("--insecure");
        Output.ToString().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.0.0.2:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://localhost:5080")]
    public void Plain_http_to_this_machine_is_accepted_without_a_warning(string api)
    {
        var options = Options("--api", api, "--token-file", PrivateKeyFile());

        options.Api.ShouldBe(new Uri(api));
        Error.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Https_to_another_machine_is_accepted_without_a_warning()
    {
        var options = Options("--api", "https://support.example.com", "--token-file", PrivateKeyFile());

        options.Api.ShouldBe(new Uri("https://support.example.com"));
        Error.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Insecure_lets_plain_http_to_another_machine_through_with_a_warning()
    {
        var options = Options("--api", RemoteHttp, "--insecure", "--token-file", PrivateKeyFile());

        options.Api.ShouldBe(new Uri(RemoteHttp));
        Error.ToString().ShouldContain("warning: --insecure");
        Error.ToString().ShouldContain("support.example.com over plain http");
    }

    [Fact]
    public void A_token_file_other_users_can_read_is_refused_naming_its_mode_and_the_fix()
    {
        var file = FileWith("agent.key", "ps_0123456789abcdef_secret\n"u8.ToArray());
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Run("run", "--token-file", file).ShouldBe(ExitCodes.Usage);

        Error.ToString().ShouldContain($"--token-file {file} holds an agent key but its permissions 0644 are too open");
        Error.ToString().ShouldContain($"chmod 600 {file}");
    }

    [Fact]
    public void A_token_file_only_its_owner_can_read_gives_the_key_without_its_newline()
    {
        Options("--token-file", PrivateKeyFile()).Token.ShouldBe(Key);
    }

    [Fact]
    public void The_key_may_come_from_the_environment()
    {
        var options = AgentCommand.Options(Args("run"), name => name == "PHOTONSUPPORT_AGENT_TOKEN" ? Key : null, Error);

        options.Token.ShouldBe(Key);
    }

    [Fact]
    public void A_key_on_the_command_line_is_refused_pointing_to_the_file_and_the_environment()
    {
        Run("run", "--token", Key).ShouldBe(ExitCodes.Usage);
        Run("run", $"--token={Key}").ShouldBe(ExitCodes.Usage);

        Error.ToString().ShouldContain("--token is no longer taken");
        Error.ToString().ShouldContain("--token-file FILE");
        Error.ToString().ShouldContain("PHOTONSUPPORT_AGENT_TOKEN");
    }

    [Fact]
    public void A_config_file_that_carries_the_key_must_be_private_too()
    {
        var config = FileWith("agent.json", """{ "token": "ps_0123456789abcdef_secret" }"""u8.ToArray());
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Run("run", "--config", config).ShouldBe(ExitCodes.Usage);
        Error.ToString().ShouldContain($"--config {config} holds an agent key but its permissions 0604 are too open");

        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Options("--config", config).Token.ShouldBe(Key);
    }

    [Fact]
    public void Without_a_key_from_anywhere_the_daemon_exits_2_naming_the_ways_to_give_one()
    {
        Run("run").ShouldBe(ExitCodes.Usage);

        Error.ToString().ShouldContain("An agent key is required: --token-file FILE (mode 0600), PHOTONSUPPORT_AGENT_TOKEN");
    }

    private string PrivateKeyFile()
    {
        var file = FileWith("private.key", "ps_0123456789abcdef_secret\n"u8.ToArray());
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return file;
    }

    private AgentOptions Options(params string[] args) => AgentCommand.Options(Args("run", args), NoEnvironment, Error);

}
