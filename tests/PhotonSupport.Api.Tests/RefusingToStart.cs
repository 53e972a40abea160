using System.Text.RegularExpressions;
using PhotonSupport.Testing;
using PhotonSupport.Workers.Hosting;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// Issue 19: a host that refuses to start ends with its refusal as one plain line on stderr and an exit code that says
/// which kind it was, never with a stack trace. The real programs, each its own process, as an operator starts them;
/// each on a database of its own that stays empty.
/// </summary>
public sealed partial class RefusingToStart(ApiFixture api)
{
    private const string ApplyCommand = "dotnet run --project Migrations -- apply";
    private const string BadSetting = "PhotonSupport:Jobs:Lease";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData("Api")]
    [InlineData("Workers")]
    public async Task In_Production_on_an_empty_database_a_host_exits_75_saying_once_how_to_apply_the_schema(string program)
    {
        var (exit, output) = await RunAsync(program, await EmptyDatabaseAsync());

        exit.ShouldBe(75, Shown(output));
        Refusals(output).ShouldHaveSingleItem().ShouldContain(ApplyCommand);
        output.Count(line => line.Contains(ApplyCommand, StringComparison.Ordinal)).ShouldBe(1, Shown(output));
        ShouldHaveNoStackTrace(output);
    }

    [Theory]
    [InlineData("Api")]
    [InlineData("Workers")]
    public async Task A_bad_setting_makes_a_host_exit_78_naming_the_setting_before_it_looks_at_the_schema(string program)
    {
        var (exit, output) = await RunAsync(program, await EmptyDatabaseAsync(), $"--{BadSetting}=-5");

        exit.ShouldBe(78, Shown(output));
        Refusals(output).ShouldHaveSingleItem().ShouldContain(BadSetting);
        ShouldHaveNoStackTrace(output);
    }

    private Task<string> EmptyDatabaseAsync() => api.CreateDatabaseAsync($"photonsupport_refused_{Guid.NewGuid():N}");

    private static async Task<(int Exit, IReadOnlyCollection<string> Output)> RunAsync(string program, string database, params string[] more)
    {
        string[] settings = [$"--ConnectionStrings:{PhotonSupportWiring.ConnectionStringName}={database}", "--environment=Production", .. TestVaultKeys.Settings, .. more];
        await using var host = program == "Api" ? ProgramProcess.Api(["--urls=http://127.0.0.1:0", .. settings]) : ProgramProcess.Workers(settings);
        using var patience = new CancellationTokenSource(Patience);
        var exit = await host.ExitCodeAsync(patience.Token);
        return (exit, host.Output);
    }

    /// <summary>The lines the program wrote to stderr as its refusal (ProgramProcess marks stderr's lines).</summary>
    private static List<string> Refusals(IReadOnlyCollection<string> output) =>
        output.Where(line => line.StartsWith("stderr: photonsupport: ", StringComparison.Ordinal)).ToList();

    private static void ShouldHaveNoStackTrace(IReadOnlyCollection<string> output)
    {
        output.ShouldNotContain(line => line.Contains("Unhandled exception", StringComparison.Ordinal), Shown(output));
        output.ShouldNotContain(line => StackFrame().IsMatch(line), Shown(output));
    }

    private static string Shown(IReadOnlyCollection<string> output) => "it said:" + Environment.NewLine + string.Join(Environment.NewLine, output);

    /// <summary>A frame as .NET prints one: <c>   at Namespace.Type.Method(…)</c>.</summary>
    [GeneratedRegex(@"\s{3}at [A-Za-z_][\w`]*\.")]
    private static partial Regex StackFrame();
}
