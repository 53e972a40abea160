using System.Globalization;
using PhotonSupport.BenchAgent.Agent;
using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.BenchAgent.Usb;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Cli;

/// <summary>
/// The technician's commands, on the same engine and operations as the daemon, for a bench without
/// the server; they end with one of <see cref="ExitCodes"/>.
/// </summary>
public sealed class BenchCommands(IReadOnlyList<IDfuDeviceSource> sources, IBenchClock clock, CliConsole console)
{
    private readonly TextWriter _output = console.Out;
    private readonly TextWriter _error = console.Error;

    public int Backup(CliArguments args)
    {
        var file = args.Required("output");
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
            _output.Write(outcome.PublicKeyPem);
            return $"{outcome.Details}; fingerprint {PublicKeys.Fingerprint(outcome.PublicKeyPem)}";
        });

    public int Flash(CliArguments args)
    {
        var address = ParseAddress(args.Required("address"));
        var file = args.Operand;
        // Read once, when the device is found: the header check needs its platform, the write the bytes.
        var binary = new Lazy<byte[]>(() => File.ReadAllBytes(file));
        return WithDevice(args, $"flash at 0x{address:x8}", (session, device, progress) =>
        {
            session.Write(0, address, binary.Value, progress, CancellationToken.None);
            session.Leave(address);
            return $"wrote and verified {binary.Value.Length:N0} bytes of {file} at 0x{address:x8}; left DFU";
        }, refusal: device =>
        {
            if (FlashTarget.Mismatch(device.Platform, address, binary.Value) is not { } mismatch) return null;
            if (!args.Has("raw")) return $"{file}: {mismatch}; --raw writes it anyway";
            _error.WriteLine($"--raw: writing {file} although {mismatch}.");
            return null;
        });
    }

    public int RestoreBackup(CliArguments args)
    {
        var file = args.Operand;
        return WithDevice(args, "the key slots, from " + file, (session, device, progress) =>
            RecoveryOperations.RestoreBackup(session, device.Platform, File.ReadAllBytes(file), progress, CancellationToken.None).Details);
    }

    /// <summary>
    /// Finds the device, asks <paramref name="refusal"/> whether the work must not go ahead, has a
    /// destructive write confirmed, then does the work in one DFU session.
    /// </summary>
    private int WithDevice(CliArguments args, string? destructive, Func<DfuSession, AttachedDevice, ConsoleProgress, string> work,
        Func<AttachedDevice, string?>? refusal = null)
    {
        var deviceId = args.Required("device").ToLowerInvariant();
        var match = AttachedDevices.List(sources).FirstOrDefault(a => a.Device.DeviceId == deviceId);
        if (match.Device is null)
        {
            _error.WriteLine($"No device {deviceId} in DFU mode is attached (put it in DFU mode: hold SETUP, tap RESET, release SETUP at blinking yellow).");
            return ExitCodes.NoSuchDevice;
        }

        var progress = new ConsoleProgress(_error);
        try
        {
            if (refusal?.Invoke(match.Device) is { } reason)
            {
                _error.WriteLine($"Refused: {reason}. Nothing was written.");
                return ExitCodes.Refused;
            }
            if (destructive is not null && !args.Has("yes") && !Confirmed($"This overwrites {destructive} of {match.Device.Platform} {deviceId}. Continue? [y/N] "))
            {
                _error.WriteLine("Not confirmed; nothing was written.");
                return ExitCodes.NotConfirmed;
            }
            using var transport = match.Source.Open(match.Device.Usb);
            using var session = new DfuSession(transport, clock);
            var result = work(session, match.Device, progress);
            progress.Done();
            _output.WriteLine(result);
            return ExitCodes.Done;
        }
        catch (Exception e) when (e is DfuException or UsbTransferException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            progress.Done();
            _error.WriteLine($"failed: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    private bool Confirmed(string question)
    {
        _error.Write(question);
        return console.In.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
    }

    private static uint ParseAddress(string text) =>
        uint.TryParse(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var address)
            ? address
            : throw new CliUsageException($"--address takes a hexadecimal address such as 0x080A0000, not '{text}'.");
}
