using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using PhotonSupport.Testing;

namespace PhotonSupport.Deploy.Tests;

/// <summary>
/// Debian's caddy (deploy/local/deploy-tools.sh installs it) on a copy of deploy/compose/Caddyfile in a temp folder,
/// beside a certificate made here. In compose the certificate is mounted at /certs, which does not exist here, so
/// the copy names the temp folder's files instead: <c>/certs/tls.crt</c> and <c>/certs/tls.key</c> are the only
/// text a plain copy replaces; <see cref="InFrontOf"/> replaces the listen port and the upstreams too, nothing
/// else. Caddy's own files (autosave, storage) go to the temp folder, never to this user's home.
/// </summary>
public sealed class Caddy : IAsyncDisposable
{
    public const string Program = "/usr/bin/caddy";

    private const string Shipped = "compose/Caddyfile";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private readonly string _folder = Directory.CreateTempSubdirectory("photonsupport-caddy-").FullName;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _running;

    public Caddy()
    {
        Certificate = SelfSignedCertificate.Create();
        SelfSignedCertificate.WritePem(Certificate, Path.Combine(_folder, "tls.crt"), Path.Combine(_folder, "tls.key"));
    }

    /// <summary>The certificate at the copy's certificate paths, for 127.0.0.1; clients trust it alone.</summary>
    public X509Certificate2 Certificate { get; }

    public IReadOnlyCollection<string> Output => _output.ToArray();

    public static bool IsInstalled => File.Exists(Program);

    public static string ShippedText => File.ReadAllText(DeployFiles.PathOf(Shipped));

    /// <summary>The shipped Caddyfile with the certificate's paths in the temp folder: the file <c>caddy validate</c> reads.</summary>
    public string WithCertificatesHere() => Write(Substitute(ShippedText, CertificatePaths));

    /// <summary>
    /// The shipped Caddyfile listening on <paramref name="port"/> instead of :443, proxying to <paramref name="api1"/> and
    /// <paramref name="api2"/> (host:port) instead of api-1:8080 and api-2:8080, with the certificate here.
    /// </summary>
    public string InFrontOf(int port, string api1, string api2) =>
        Write(Substitute(ShippedText, [.. CertificatePaths, (":443 {", $":{port} {{"), ("api-1:8080", api1), ("api-2:8080", api2)]));

    private (string Shipped, string Here)[] CertificatePaths =>
        [("/certs/tls.crt", Path.Combine(_folder, "tls.crt")), ("/certs/tls.key", Path.Combine(_folder, "tls.key"))];

    /// <summary>Each piece of text must stand in the shipped file exactly once: a changed file fails here, not silently.</summary>
    private static string Substitute(string text, (string Shipped, string Here)[] substitutions)
    {
        foreach (var (shipped, here) in substitutions)
        {
            text.Split(shipped).Length.ShouldBe(2, $"the Caddyfile should name '{shipped}' once");
            text = text.Replace(shipped, here, StringComparison.Ordinal);
        }
        return text;
    }

    private string Write(string text)
    {
        var path = Path.Combine(_folder, "Caddyfile");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs a caddy command to its end, with its files in the temp folder.</summary>
    public Task<Command.Result> RunAsync(params string[] arguments) => Command.RunAsync(Program, arguments, Environment, Patience);

    /// <summary>Starts <c>caddy run</c> on <paramref name="caddyfile"/>; it runs until this is disposed.</summary>
    public void Start(string caddyfile)
    {
        _running = Process.Start(Command.StartInfo(Program, ["run", "--config", caddyfile, "--adapter", "caddyfile"], Environment))!;
        _running.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _running.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _running.BeginOutputReadLine();
        _running.BeginErrorReadLine();
    }

    public bool HasExited => _running?.HasExited ?? true;

    private Dictionary<string, string> Environment => new()
    {
        ["HOME"] = _folder, ["XDG_CONFIG_HOME"] = Path.Combine(_folder, "config"), ["XDG_DATA_HOME"] = Path.Combine(_folder, "data"),
    };

    public async ValueTask DisposeAsync()
    {
        if (_running is not null)
        {
            // The Caddyfile turns the admin endpoint off, so `caddy stop` cannot reach it: end the process we started.
            if (!_running.HasExited) _running.Kill(entireProcessTree: true);
            await _running.WaitForExitAsync();
            _running.Dispose();
        }
        Certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
