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
        var options = Options(arguments);
        if (string.IsNullOrWhiteSpace(options.Token))
            throw new CliUsageException($"An agent key is required: --token T, {TokenVariable}, or \"token\" in the --config file.");

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

    /// <summary>File, then environment, then command line: the later one wins.</summary>
    public static AgentOptions Options(CliArguments arguments)
    {
        var options = arguments.Value("config") is { } file ? FromFile(file) : new AgentOptions();
        if (Environment.GetEnvironmentVariable(ApiVariable) is { Length: > 0 } api) options.Api = new Uri(api);
        if (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token) options.Token = token;
        if (arguments.Value("api") is { } apiArgument)
            options.Api = Uri.TryCreate(apiArgument, UriKind.Absolute, out var uri) ? uri : throw new CliUsageException($"--api takes a URL, not '{apiArgument}'.");
        if (arguments.Value("token") is { } tokenArgument) options.Token = tokenArgument;
        options.Simulate.AddRange(arguments.Values("simulate"));
        if (arguments.Has("no-usb")) options.UseUsb = false;
        if (arguments.Has("virtual-time")) options.SimulateInRealTime = false;
        return options;
    }

    private static AgentOptions FromFile(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<AgentOptions>(File.ReadAllText(file), new JsonSerializerOptions(JsonSerializerDefaults.Web))
                ?? throw new CliUsageException($"--config {file} holds no agent settings.");
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
