using System.Diagnostics;
using System.Runtime.Versioning;
using PhotonSupport.Testing;

namespace PhotonSupport.EndToEnd.Tests;

/// <summary>
/// <c>./run.sh</c> makes development API keys only in the local cluster it starts itself, never in a database it was
/// given, and does not run at all for Production. It runs from a folder of its own (with <c>deploy/local/postgres.sh</c>)
/// with a stand-in <c>dotnet</c> on the PATH that records each call and the database it was given, so what the script
/// decides is seen without building or starting anything.
/// </summary>
[UnsupportedOSPlatform("windows")] // a bash script and Unix file modes
public sealed class RunScriptDevelopmentKeys : IAsyncDisposable
{
    private const string ForeignDatabase = "Host=db.example.com;Username=support;Password=real;Database=photonsupport";

    private readonly string _folder = LocalScript.ServiceFolder("photonsupport-run-sh-");

    private string Calls => Path.Combine(_folder, "dotnet-calls.txt");

    private CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public RunScriptDevelopmentKeys()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "run.sh"), Path.Combine(_folder, "run.sh"));
        Directory.CreateDirectory(Path.Combine(_folder, "deploy", "local"));
        File.Copy(LocalScript.Path("postgres.sh"), Path.Combine(_folder, "deploy", "local", "postgres.sh"));
        var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "dotnet"), $"#!/bin/sh\nprintf '%s | DB=%s\\n' \"$*\" \"$PHOTONSUPPORT_DB\" >> '{Calls}'\n");
        File.SetUnixFileMode(Path.Combine(bin, "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Theory]
    [InlineData("PHOTONSUPPORT_DB")]
    [InlineData("ConnectionStrings__PhotonSupport")]
    public async Task A_database_it_was_given_gets_no_development_keys_and_it_says_so(string variable)
    {
        var (code, error) = await RunAsync((variable, ForeignDatabase));

        code.ShouldBe(0, error);
        error.ShouldContain("no development keys are made in it");
        var calls = File.ReadAllLines(Calls);
        calls.ShouldNotContain(call => call.Contains("dev-bootstrap"));
        calls.ShouldContain(call => call.StartsWith("run --project Api -c Release --no-build -- --urls", StringComparison.Ordinal));
        Directory.Exists(Path.Combine(_folder, ".data", "postgres")).ShouldBeFalse("no local cluster is started");
    }

    [Theory]
    [InlineData("ASPNETCORE_ENVIRONMENT")]
    [InlineData("DOTNET_ENVIRONMENT")]
    public async Task Production_is_refused_before_anything_is_made(string variable)
    {
        var (code, error) = await RunAsync((variable, "Production"));

        code.ShouldBe(2);
        error.ShouldContain($"{variable}=Production is set, but run.sh is for development");
        File.Exists(Calls).ShouldBeFalse("dotnet is never called");
        Directory.Exists(Path.Combine(_folder, ".data")).ShouldBeFalse();
    }

    [Fact]
    public async Task The_local_cluster_it_starts_gets_the_keys_and_a_generated_password_kept_private_under_data()
    {
        var port = LocalScript.FreePort();

        var (code, error) = await RunAsync(("PHOTONSUPPORT_PG_PORT", port.ToString()));

        code.ShouldBe(0, error);
        var passwordFile = Path.Combine(_folder, ".data", "postgres.password");
        File.GetUnixFileMode(passwordFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var password = File.ReadAllText(passwordFile);
        password.Length.ShouldBe(32);
        var bootstrap = File.ReadAllLines(Calls).Where(call => call.Contains("keys dev-bootstrap")).ShouldHaveSingleItem();
        bootstrap.ShouldEndWith($"| DB=Host=127.0.0.1;Port={port};Username=photon;Password={password};Database=photonsupport");
        var rules = File.ReadAllLines(Path.Combine(_folder, ".data", "postgres", "pg_hba.conf")).Where(l => l.Length > 0 && l[0] != '#').ToArray();
        rules.ShouldNotBeEmpty();
        rules.ShouldAllBe(rule => rule.TrimEnd().EndsWith("scram-sha-256"));
    }

    private async Task<(int Code, string Error)> RunAsync(params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(_folder, "run.sh"));
        start.Environment["PATH"] = $"{Path.Combine(_folder, "bin")}:{start.Environment["PATH"]}";
        foreach (var name in new[] { "PHOTONSUPPORT_DB", "ConnectionStrings__PhotonSupport", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancellation);
        var error = process.StandardError.ReadToEndAsync(Cancellation);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        patience.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(patience.Token);
        await output;
        return (process.ExitCode, await error);
    }

    public async ValueTask DisposeAsync()
    {
        var cluster = Path.Combine(_folder, ".data", "postgres");
        if (Directory.Exists(cluster)) await LocalScript.RunAsync(LocalScript.Path("postgres.sh"), null, "stop", cluster);
        Directory.Delete(_folder, recursive: true);
    }
}
