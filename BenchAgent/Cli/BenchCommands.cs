using System.Globalization;
using PhotonSupport.BenchAgent.Agent;
using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;
using PhotonSupport.Domain.Devices;

using PhotonSupport.BenchAgent.Particle;

namespace PhotonSupport.BenchAgent.Cli;

/// <summary>
/// The technician's commands, on the same engine and operations as the daemon, for a bench without
/// the server. Exit codes: 0 done, 1 the device work failed, 2 usage, 3 libusb-1.0 missing,
/// 4 a destructive write was not confirmed, 5 no such device attached.
/// </summary>
public sealed class BenchCommands(IReadOnlyList<IDfuDeviceSource> sources, IBenchClock clock, TextReader input, TextWriter output, TextWriter error)
{
    public const int Failed = 1;
    public const int NotConfirmed = 4;
    public const int NoSuchDevice = 5;

    public int Backup(CliArguments args)
    {
        var file = args.Required("o");
        return WithDevice(args, destructive: null, (session, device, progress) =>
        {
            var outcome = RecoveryOperations.Backup(session, device.Platform, progress, CancellationToken.None);
            File.WriteAllBytes(file, outcome.BackupImage!);
            return $"{outcome.Details}; saved to {file}";
        });
    }

    public int RestoreServerKey(CliArguments args) =>
        WithDevice(args, "the server key slot", (session, device, progress) =>
        {
            var cloud = CloudServer.Particle(device.Platform, CloudKeys.Published);
            // Another address for the Particle key: the block is built, not the published one.
            if (args.Value("server") is { } server) cloud = new CloudServer(cloud.PublicKeyDer, server, null);
            return RecoveryOperations.RestoreServerKey(session, device.Platform, cloud, progress, CancellationToken.None).Details;
        });

    public int KeysDoctor(CliArguments args) =>
        WithDevice(args, "the device's private key (the cloud must then be given the new public key)", (session, device, progress) =>
        {
            var outcome = RecoveryOperations.RegenerateDeviceKeys(session, device.Platform, progress, CancellationToken.None);
            output.Write(outcome.PublicKeyPem);
            return $"{outcome.Details}; fingerprint {PublicKeys.Fingerprint(outcome.PublicKeyPem)}";
        });

    public int Flash(CliArguments args)
    {
        var address = ParseAddress(args.Required("address"));
        var file = Positional(args, "FILE");
        return WithDevice(args, $"flash at 0x{address:x8}", (session, device, progress) =>
        {
            var binary = File.ReadAllBytes(file);
            session.Write(0, address, binary, progress, CancellationToken.None);
            session.Leave(address);
            return $"wrote and verified {binary.Length:N0} bytes at 0x{address:x8}; left DFU";
        });
    }

    public int RestoreBackup(CliArguments args)
    {
        var file = Positional(args, "FILE");
        return WithDevice(args, "the key slots, from " + file, (session, device, progress) =>
            RecoveryOperations.RestoreBackup(session, device.Platform, File.ReadAllBytes(file), progress, CancellationToken.None).Details);
    }

    private int WithDevice(CliArguments args, string? destructive, Func<DfuSession, AttachedDevice, ConsoleProgress, string> work)
    {
        var deviceId = args.Required("device").ToLowerInvariant();
        var match = AttachedDevices.List(sources).FirstOrDefault(a => a.Device.DeviceId == deviceId);
        if (match.Device is null)
        {
            error.WriteLine($"No device {deviceId} in DFU mode is attached (put it in DFU mode: hold SETUP, tap RESET, release SETUP at blinking yellow).");
            return NoSuchDevice;
        }
        if (destructive is not null && !args.Has("yes") && !Confirmed($"This overwrites {destructive} of {match.Device.Platform} {deviceId}. Continue? [y/N] "))
        {
            error.WriteLine("Not confirmed; nothing was written.");
            return NotConfirmed;
        }

        var progress = new ConsoleProgress(error);
        try
        {
            using var transport = match.Source.Open(match.Device.Usb);
            using var session = new DfuSession(transport, clock);
            var result = work(session, match.Device, progress);
            progress.Done();
            output.WriteLine(result);
            return 0;
        }
        catch (Exception e) when (e is DfuException or UsbTransferException or InvalidOperationException or IOException)
        {
            progress.Done();
            error.WriteLine($"failed: {e.Message}");
            return Failed;
        }
    }

    private bool Confirmed(string question)
    {
        error.Write(question);
        return input.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
    }

    private static string Positional(CliArguments args, string name) =>
        args.Positional.Count == 1 ? args.Positional[0] : throw new CliUsageException($"{name} is required (exactly one).");

    private static uint ParseAddress(string text) =>
        uint.TryParse(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var address)
            ? address
            : throw new CliUsageException($"--address takes a hexadecimal address such as 0x080A0000, not '{text}'.");
}
