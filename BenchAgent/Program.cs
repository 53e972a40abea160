using PhotonSupport.BenchAgent.Cli;

// Exit codes: 0 done, 1 the device work failed, 2 usage, 3 libusb-1.0 missing, 4 not confirmed, 5 no such device, 6 agent key refused (run).
Command[] commands =
[
    new("run", "the bench agent: pull recovery jobs from the Api and run them (--api URL --token T [--config FILE] [--simulate SPEC]...)",
        args => AgentCommand.Run(args)),
    new("list", "list the Particle devices in DFU mode on this bench", args => Bench.Run(args, (bench, _) => bench.List())),
    new("backup", "read a device's whole flash to a file: --device ID -o FILE", args => Bench.Run(args, (bench, a) => bench.Commands.Backup(a))),
    new("restore-server-key", "write the Particle cloud's public key: --device ID [--server HOST] [--yes]",
        args => Bench.Run(args, (bench, a) => bench.Commands.RestoreServerKey(a))),
    new("keys-doctor", "make a new device key pair; prints the public key: --device ID [--yes]",
        args => Bench.Run(args, (bench, a) => bench.Commands.KeysDoctor(a))),
    new("flash", "write a binary and leave DFU: --device ID --address 0x080A0000 FILE [--yes]",
        args => Bench.Run(args, (bench, a) => bench.Commands.Flash(a))),
    new("restore-backup", "write the key slots of a backup back: --device ID FILE [--yes]",
        args => Bench.Run(args, (bench, a) => bench.Commands.RestoreBackup(a))),
];

var command = args.Length > 0 ? commands.FirstOrDefault(c => c.Name == args[0]) : null;
if (command is null || args.Contains("--help"))
{
    Console.Error.WriteLine("usage: PhotonSupport.BenchAgent <command> [options]   (every command takes --simulate platform:deviceId[:scenario], repeatable)");
    foreach (var c in commands) Console.Error.WriteLine($"  {c.Name,-19} {c.Summary}");
    Console.Error.WriteLine("exit codes: 0 done, 1 device work failed, 2 usage, 3 libusb-1.0 missing, 4 not confirmed, 5 no such device, 6 agent key refused (run)");
    return command is null ? 2 : 0;
}
try
{
    return command.Run(args[1..]);
}
catch (CliUsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

/// <summary>One subcommand: its name, a line for the usage text, and what runs it (given the remaining arguments).</summary>
internal sealed record Command(string Name, string Summary, Func<string[], int> Run);
