using System.Text.Json;
using PhotonSupport.BenchAgent.Agent;
using PhotonSupport.BenchAgent.Cli;
using PhotonSupport.Domain.Devices;
using static PhotonSupport.BenchAgent.Cli.ExitCodes;

namespace PhotonSupport.BenchAgent;

/// <summary>
/// Every command the program takes, with the options each accepts: what the parser enforces and the
/// help prints. The README's bench agent section shows the same table.
/// </summary>
public static class CommandTable
{
    private const string Confirmation = "It asks before it writes (y/N on stdin) unless --yes is given.";

    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("run", "the bench agent: pull recovery jobs from the Api and run them",
            [
                new("api", $"the Api's base URL (or {AgentCommand.ApiVariable}; default http://127.0.0.1:5080)", "URL"),
                new("token-file", $"a file holding this bench's agent key, readable by its owner alone (mode 0600); or {AgentCommand.TokenVariable}, or \"token\" in a private config file", "FILE"),
                new("insecure", "allow plain http to an Api on another machine: the key and device images cross the network unencrypted"),
                new("config", $"a JSON file of agent settings: {string.Join(", ", typeof(AgentOptions).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)))}", "FILE"),
                .. CliOption.Bench,
            ],
            AgentCommand.Run)
        {
            Retired = new Dictionary<string, string>
            {
                ["--token"] = $"--token is no longer taken: a key on the command line is visible to every user in the process list. " +
                    $"Put it in a file only you can read (--token-file FILE, chmod 600) or in {AgentCommand.TokenVariable}.",
            },
            ExitCodes = [Done, Usage, LibUsbMissing, KeyRevoked],
            Notes =
            [
                "Settings come from the --config file, then the environment, then the command line: the later one wins.",
                "The Api's URL must be https://, or http:// to this machine (127.0.0.0/8, ::1, localhost); --insecure allows plain http elsewhere, with a warning.",
                "On SIGTERM or Ctrl-C it finishes and reports the job in hand, then exits 0.",
            ],
        },
        new("list", "list the Particle devices in DFU mode on this bench", [.. CliOption.Bench],
            (arguments, console) => Bench.Run(arguments, console, bench => bench.List()))
        {
            ExitCodes = [Done, Usage, LibUsbMissing, KeyRevoked],
        },
        new("backup", "read a device's whole flash to a file",
            [CliOption.Device, new("output", "the file the backup goes to (PLATFORM_backup_ID.bin by convention)", "FILE", Short: 'o', Required: true), .. CliOption.Bench],
            OnBench((commands, arguments) => commands.Backup(arguments)))
        {
            ExitCodes = [Done, Failed, Usage, LibUsbMissing, NoSuchDevice],
            Notes = ["Photon, P1 and Electron: 1 MiB of internal flash. Core: 128 KiB internal then 2 MiB external flash."],
        },
        new("restore-server-key", "write the Particle cloud's public key (and server address) into the device's key slot",
            [CliOption.Device, new("server", "the server address to write with the key (default: Particle's cloud)", "HOST"), CliOption.Yes, .. CliOption.Bench],
            OnBench((commands, arguments) => commands.RestoreServerKey(arguments)))
        {
            ExitCodes = [Done, Failed, Usage, LibUsbMissing, NotConfirmed, NoSuchDevice],
            Notes = [Confirmation],
        },
        new("keys-doctor", "make a new device key pair; prints the public key for the cloud",
            [CliOption.Device, CliOption.Yes, .. CliOption.Bench],
            OnBench((commands, arguments) => commands.KeysDoctor(arguments)))
        {
            ExitCodes = [Done, Failed, Usage, LibUsbMissing, NotConfirmed, NoSuchDevice],
            Notes = [Confirmation],
        },
        new("flash", "write a binary over DFU alt 0 and leave DFU",
            [
                CliOption.Device,
                new("address", "where the binary goes, in hex (Photon user app 0x080A0000)", "ADDRESS", Required: true),
                new("raw", "write even a binary whose module header names another address or platform, or that has none"),
                CliOption.Yes,
                .. CliOption.Bench,
            ],
            OnBench((commands, arguments) => commands.Flash(arguments)))
        {
            Operand = "FILE",
            ExitCodes = [Done, Failed, Usage, LibUsbMissing, NotConfirmed, NoSuchDevice, Refused],
            Notes =
            [
                "Before it asks or writes, the binary's device-os module header must name the device's platform and the\n" +
                "--address, and fit the region there. A binary without a header, or with another platform or start\n" +
                $"address, is refused with exit {Refused} unless --raw says it is meant. Where modules start:\n" +
                string.Join("\n", PlatformCatalog.All.Select(p => $"  {p,-9} {string.Join(", ", FirmwareRegions.For(p).Select(r => $"{r.Name} 0x{r.Start:X8}"))}")),
                Confirmation,
            ],
        },
        new("restore-backup", "write the key slots (and server address) of a backup file back to the device",
            [CliOption.Device, CliOption.Yes, .. CliOption.Bench],
            OnBench((commands, arguments) => commands.RestoreBackup(arguments)))
        {
            Operand = "FILE",
            ExitCodes = [Done, Failed, Usage, LibUsbMissing, NotConfirmed, NoSuchDevice],
            Notes = [Confirmation],
        },
    ];

    private static Func<CliArguments, CliConsole, int> OnBench(Func<BenchCommands, CliArguments, int> command) =>
        (arguments, console) => Bench.Run(arguments, console, bench => command(bench.Commands, arguments));
}
