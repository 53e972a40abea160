using System.Text.Json;
using PhotonSupport.BenchAgent.Agent;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.Domain.Agents;

namespace PhotonSupport.BenchAgent.Cli;

/// <summary>
/// <c>run</c>: the daemon. Ctrl-C or SIGTERM lets the current job finish and report, then exits 0;
/// a key the Api refuses exits <see cref="ExitCodes.KeyRevoked"/>.
/// </summary>
public static class AgentCommand
{
    public const string ApiVariable = "PHOTONSUPPORT_AGENT_API";
    public const string TokenVariable = "PHOTONSUPPORT_AGENT_TOKEN";

    public static int Run(CliArguments arguments, CliConsole console)
    {
        var options = Options(arguments, Environment.GetEnvironmentVariable, console.Error);

        IBenchClock clock = options.SimulateInRealTime ? new RealClock() : new VirtualClock();
        using var bench = Bench.Open(options.Simulate, options.UseUsb, clock, console);
        if (bench is null) return ExitCodes.LibUsbMissing;

        var log = new AgentLog(console.Out, TimeProvider.System);
        using var stopping = new CancellationTokenSource();
        void Stop(string signal)
        {
            log.Info($"{signal}: finishing the job in hand, then stopping");
            stopping.Cancel();
        }
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; Stop("Ctrl-C"); };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM,
            context => { context.Cancel = true; Stop("SIGTERM"); });

        using var api = new AgentApiClient(options.Api, options.Token, options.LongPoll);
        var daemon = new AgentDaemon(options, bench.Sources, clock, api, log, TimeProvider.System, job => ShowLed(bench, job, log));
        return daemon.RunAsync(stopping.Token).GetAwaiter().GetResult() == DaemonEnd.KeyRevoked ? ExitCodes.KeyRevoked : ExitCodes.Done;
    }

    /// <summary>
    /// File, then environment, then command line: the later one wins. The key never comes from the command line
    /// itself (every user sees it in the process list): from a private file or the environment. The Api's address
    /// is checked by <see cref="ApiTransport"/>; a warning goes to <paramref name="warnings"/>.
    /// </summary>
    public static AgentOptions Options(CliArguments arguments, Func<string, string?> environment, TextWriter warnings)
    {
        var options = arguments.Value("config") is { } file ? FromFile(file) : new AgentOptions();
        if (environment(ApiVariable) is { Length: > 0 } api)
            options.Api = Uri.TryCreate(api, UriKind.Absolute, out var uri) ? uri : throw new CliUsageException($"{ApiVariable} takes a URL, not '{api}'.");
        if (environment(TokenVariable) is { Length: > 0 } token) options.Token = token;
        if (arguments.Value("api") is { } apiArgument)
            options.Api = Uri.TryCreate(apiArgument, UriKind.Absolute, out var uri) ? uri : throw new CliUsageException($"--api takes a URL, not '{apiArgument}'.");
        if (arguments.Value("token-file") is { } tokenFile) options.Token = TokenFile.Read(tokenFile, "--token-file");
        if (string.IsNullOrWhiteSpace(options.Token))
            throw new CliUsageException($"An agent key is required: --token-file FILE (mode 0600), {TokenVariable}, or \"token\" in the --config file.");
        ApiTransport.Check(options.Api, arguments.Has("insecure"), warnings);
        options.Simulate.AddRange(arguments.Values("simulate"));
        if (arguments.Has("no-usb")) options.UseUsb = false;
        if (arguments.Has("virtual-time")) options.SimulateInRealTime = false;
        return options;
    }

    private static AgentOptions FromFile(string file)
    {
        try
        {
            var options = JsonSerializer.Deserialize<AgentOptions>(File.ReadAllText(file), new JsonSerializerOptions(JsonSerializerDefaults.Web))
                ?? throw new CliUsageException($"--config {file} holds no agent settings.");
            // A settings file that carries the key is a key file, and as private.
            if (options.Token.Length > 0) TokenFile.EnsurePrivate(file, "--config");
            return options;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--config {file} can't be read: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"--config {file} is not valid agent settings JSON: {e.Message}");
        }
    }

    /// <summary>A person watching a simulated bench sees what the device's LED would show now.</summary>
    private static void ShowLed(Bench bench, ClaimedJob job, AgentLog log)
    {
        if (bench.Simulated?.Devices.FirstOrDefault(d => d.DeviceId == job.DeviceId) is { } device)
            log.Info($"simulated device {job.DeviceId} now shows {device.LedPattern}");
    }
}
