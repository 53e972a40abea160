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
    public const int LibUsbMissing = 3;

    private readonly LibUsbDeviceSource? _usb;

    private Bench(LibUsbDeviceSource? usb, SimulatedDeviceSource? simulated, IBenchClock clock)
    {
        _usb = usb;
        Simulated = simulated;
        Sources = [.. new IDfuDeviceSource?[] { usb, simulated }.OfType<IDfuDeviceSource>()];
        Commands = new BenchCommands(Sources, clock, Console.In, Console.Out, Console.Error);
    }

    public IReadOnlyList<IDfuDeviceSource> Sources { get; }

    public SimulatedDeviceSource? Simulated { get; }

    public BenchCommands Commands { get; }

    public static int Run(string[] args, Func<Bench, CliArguments, int> run)
    {
        var arguments = CliArguments.Parse(args, "yes", "no-usb", "virtual-time");
        var bench = Open(arguments.Values("simulate"), useUsb: !arguments.Has("no-usb"), arguments.Has("virtual-time") ? new VirtualClock() : new RealClock(), Console.Error);
        if (bench is null) return LibUsbMissing;
        using (bench) return run(bench, arguments);
    }

    /// <summary>Null when there is no libusb and nothing simulated: there is no bench to work on.</summary>
    public static Bench? Open(IReadOnlyList<string> simulate, bool useUsb, IBenchClock clock, TextWriter error)
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
                error.WriteLine(e.Message);
                if (simulated is null) return null;
            }
        }
        return new Bench(usb, simulated, clock);
    }

    public int List() => ListCommand.Run(Sources, Console.Out);

    public void Dispose() => _usb?.Dispose();
}
