using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;

namespace PhotonSupport.BenchAgent.Cli;

/// <summary>
/// The devices a command works with: the USB bus through libusb, plus any simulated devices the
/// command line names. Without libusb, simulated devices still work; with neither, exit 3.
/// </summary>
public sealed class Bench : IDisposable
{
    private readonly LibUsbDeviceSource? _usb;
    private readonly CliConsole _console;

    private Bench(LibUsbDeviceSource? usb, SimulatedDeviceSource? simulated, IBenchClock clock, CliConsole console)
    {
        _usb = usb;
        _console = console;
        Simulated = simulated;
        Sources = [.. new IDfuDeviceSource?[] { usb, simulated }.OfType<IDfuDeviceSource>()];
        Commands = new BenchCommands(Sources, clock, console);
    }

    public IReadOnlyList<IDfuDeviceSource> Sources { get; }

    public SimulatedDeviceSource? Simulated { get; }

    public BenchCommands Commands { get; }

    /// <summary>Opens the bench the arguments describe (<see cref="CliOption.Bench"/>) and runs a command on it.</summary>
    public static int Run(CliArguments arguments, CliConsole console, Func<Bench, int> run)
    {
        var bench = Open(arguments.Values("simulate"), useUsb: !arguments.Has("no-usb"), arguments.Has("virtual-time") ? new VirtualClock() : new RealClock(), console);
        if (bench is null) return ExitCodes.LibUsbMissing;
        using (bench) return run(bench);
    }

    /// <summary>Null when there is no libusb and nothing simulated: there is no bench to work on.</summary>
    public static Bench? Open(IReadOnlyList<string> simulate, bool useUsb, IBenchClock clock, CliConsole console)
    {
        SimulatedDeviceSource? simulated = null;
        if (simulate.Count > 0)
        {
            simulated = new SimulatedDeviceSource(clock);
            foreach (var spec in simulate)
            {
                try
                {
                    simulated.Add(spec);
                }
                catch (Exception e) when (e is FormatException or ArgumentException)
                {
                    throw new CliUsageException($"--simulate {spec}: {e.Message}");
                }
            }
        }

        LibUsbDeviceSource? usb = null;
        if (useUsb)
        {
            try
            {
                usb = new LibUsbDeviceSource();
            }
            catch (LibUsbUnavailableException e)
            {
                console.Error.WriteLine(e.Message);
                if (simulated is null) return null;
            }
        }
        return new Bench(usb, simulated, clock, console);
    }

    public int List() => ListCommand.Run(Sources, _console.Out);

    public void Dispose() => _usb?.Dispose();
}
