using PhotonSupport.BenchAgent.Cli;
using PhotonSupport.BenchAgent.Usb;

// Exit codes: 0 done, 1 the work failed (a USB error), 2 usage, 3 libusb-1.0 missing.
Command[] commands =
[
    new("list", "list the Particle devices in DFU mode on this bench", _ => WithUsb(source => ListCommand.Run(source, Console.Out))),
];

var command = args.Length > 0 ? commands.FirstOrDefault(c => c.Name == args[0]) : null;
if (command is null)
{
    Console.Error.WriteLine("usage: PhotonSupport.BenchAgent <command>");
    foreach (var c in commands) Console.Error.WriteLine($"  {c.Name,-10} {c.Summary}");
    return 2;
}
return command.Run(args[1..]);

static int WithUsb(Func<IDfuDeviceSource, int> run)
{
    try
    {
        using var source = new LibUsbDeviceSource();
        return run(source);
    }
    catch (LibUsbUnavailableException e)
    {
        Console.Error.WriteLine(e.Message);
        return 3;
    }
    catch (UsbTransferException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}

/// <summary>One subcommand: its name, a line for the usage text, and what runs it (given the remaining arguments).</summary>
internal sealed record Command(string Name, string Summary, Func<string[], int> Run);
