using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PhotonSupport.BenchAgent.Dfu;
using PhotonSupport.BenchAgent.Simulator;
using PhotonSupport.BenchAgent.Timing;
using PhotonSupport.Domain.Backups;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Workers.Mail.Outbound;

namespace PhotonSupport.Benchmarks.Scenarios;

/// <summary>
/// The operations of <see cref="MicroScenario"/>, each beside its floor, for BenchmarkDotNet. Public and unsealed
/// because BenchmarkDotNet derives from it.
/// </summary>
public class MicroBenchmarks
{
    private const string DeviceId = "3c002b000347343339373536";
    private const string Template = "status-update";

    private byte[] _image = [];
    private DfuRequests _requests = null!;
    private DfuSeCommands _commands = null!;
    private readonly Dictionary<string, string> _values = new()
    {
        ["deviceId"] = DeviceId,
        ["platform"] = "Photon",
        ["headline"] = "Your Photon's backup is safe",
        ["explanation"] = "The bench read all 1 MiB of its flash & checked the keys <before> any write.",
    };

    [GlobalSetup]
    public void Setup()
    {
        // A healthy Photon's whole internal flash, as the simulator holds it (ApiTest.PhotonBackupImage).
        _image = new SimulatedDfuDevice(SimulatedDeviceSpec.Parse($"photon:{DeviceId}:healthy"), new VirtualClock()).Memory(0).Image();
        // A virtual clock: the simulator's bus and flash timing advance it instead of sleeping.
        var clock = new VirtualClock();
        _requests = new DfuRequests(new SimulatedDfuDevice(SimulatedDeviceSpec.Parse($"photon:{DeviceId}:healthy"), clock));
        _commands = new DfuSeCommands(_requests, clock);
    }

    [Benchmark]
    public BackupFindings Forensics() => BackupForensics.Analyze(Platform.Photon, _image);

    /// <summary>The floor of forensics: reading the same 1 MiB once.</summary>
    [Benchmark]
    public byte[] Sha256() => SHA256.HashData(_image);

    /// <summary>Frames the 5-byte DfuSe command, sends it as DNLOAD block 0 and waits out the GETSTATUS dance.</summary>
    [Benchmark]
    public void SetAddressPointer() => _commands.SetAddressPointer(0x080A0000, "bench", CancellationToken.None);

    /// <summary>The floor of a DfuSe command: one control transfer to the same simulator, GETSTATUS in dfuIDLE.</summary>
    [Benchmark]
    public DfuStatus GetStatus() => _requests.GetStatus();

    [Benchmark]
    public RenderedMail RenderStatusUpdate() => MailTemplates.Render(Template, _values);

    /// <summary>The floor of rendering: reading the template's two embedded files, nothing filled in.</summary>
    [Benchmark]
    public int ReadTemplateFiles()
    {
        var length = 0;
        foreach (var extension in new[] { "txt", "html" })
        {
            using var stream = typeof(MailTemplates).Assembly.GetManifestResourceStream($"PhotonSupport.Mail.Templates.{Template}.{extension}")!;
            using var reader = new StreamReader(stream);
            length += reader.ReadToEnd().Length;
        }
        return length;
    }
}
