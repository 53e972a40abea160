using PhotonSupport.Workers.Mail;

namespace PhotonSupport.Testing;

/// <summary>
/// A real mail server for tests: Dovecot (IMAP) and an SMTP server that delivers into the same
/// mailbox, on free loopback ports in a temp directory, started and stopped through
/// <c>deploy/local/mail.sh</c> so tests and <c>./run.sh --mail</c> share one way of running it.
/// Whatever is sent to <see cref="SmtpPort"/>, to any recipient, lands in the INBOX of
/// <see cref="User"/>; the folders Processed and Quarantine exist from the start.
/// </summary>
public sealed class MailServer : IAsyncDisposable
{

    private readonly string _tempDir;
    private readonly string _script;

    private MailServer(string tempDir, string script, IReadOnlyDictionary<string, string> settings)
    {
        _tempDir = tempDir;
        _script = script;
        Host = Setting(settings, "host");
        ImapPort = int.Parse(Setting(settings, "imap"));
        SmtpPort = int.Parse(Setting(settings, "smtp"));
        User = Setting(settings, "user");
        Password = Setting(settings, "password");
        Address = Setting(settings, "address");
    }

    public string Host { get; }

    public int ImapPort { get; }

    public int SmtpPort { get; }

    /// <summary>Login for both IMAP and SMTP (SMTP also accepts mail without logging in, as an MX does).</summary>
    public string User { get; }

    public string Password { get; }

    /// <summary>The mailbox's own address (support@photonsupport.localhost), e.g. for From / Reply-To.</summary>
    public string Address { get; }

    private string MailDir => Path.Combine(_tempDir, "mail");

    /// <summary>Settings for sending through this server (a new instance each call: the class is mutable).</summary>
    public MailServerSettings SmtpSettings() => Settings(SmtpPort);

    /// <summary>Settings for reading this server's mailbox (a new instance each call: the class is mutable).</summary>
    public MailServerSettings ImapSettings() => Settings(ImapPort);

    /// <summary>
    /// The product's configuration for this server, keyed as in appsettings
    /// (<c>PhotonSupport:Mail:Smtp:Host</c>, ...), e.g. for <c>AddInMemoryCollection</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Configuration()
    {
        var values = new Dictionary<string, string?>
        {
            ["PhotonSupport:Mail:From"] = Address,
            ["PhotonSupport:Mail:ReplyTo"] = Address,
        };
        foreach (var (section, port) in new[] { ("Smtp", SmtpPort), ("Imap", ImapPort) })
        {
            var prefix = $"PhotonSupport:Mail:{section}:";
            values[prefix + "Host"] = Host;
            values[prefix + "Port"] = port.ToString();
            values[prefix + "Tls"] = nameof(MailTls.None);
            values[prefix + "User"] = User;
            values[prefix + "Password"] = Password;
        }
        return values;
    }

    public static async Task<MailServer> StartAsync()
    {
        // The build copies deploy/local/mail.sh (and its SMTP handler) beside the test binaries
        // (PhotonSupport.Testing.csproj).
        var script = LocalScript.Path("mail.sh");
        var tempDir = LocalScript.ServiceFolder("photonsupport-mail-");
        var mailDir = Path.Combine(tempDir, "mail");

        try
        {
            // A free port can be taken between our probe and the server's bind; stop whatever
            // half started and retry with other ports (the mailbox directory is reused).
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var stdout = await LocalScript.RunAsync(script, null, "start", mailDir, LocalScript.FreePort().ToString(), LocalScript.FreePort().ToString());
                    var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (lines.Length == 0)
                    {
                        throw new InvalidOperationException($"{script} start printed no settings.");
                    }
                    return new MailServer(tempDir, script, ParseSettings(lines[^1]));
                }
                catch (LocalScriptException) when (attempt < 3)
                {
                    await LocalScript.RunAsync(script, null, "stop", mailDir);
                }
            }
        }
        catch
        {
            try
            {
                await StopAndDeleteAsync(script, tempDir);
            }
            catch (Exception)
            {
                // Keep the start failure, which says what went wrong.
            }
            throw;
        }
    }

    /// <summary>Stops the SMTP server (IMAP keeps running); returns once its port is closed.</summary>
    public Task StopSmtpAsync() => LocalScript.RunAsync(_script, null, "stop-smtp", MailDir);

    /// <summary>Starts the SMTP server again on the same port; returns once it answers.</summary>
    public Task StartSmtpAsync() => LocalScript.RunAsync(_script, null, "start-smtp", MailDir);

    public async ValueTask DisposeAsync() => await StopAndDeleteAsync(_script, _tempDir);

    private MailServerSettings Settings(int port) => new()
    {
        Host = Host,
        Port = port,
        // Loopback only: the local servers offer no TLS.
        Tls = MailTls.None,
        User = User,
        Password = Password,
    };

    private static async Task StopAndDeleteAsync(string script, string tempDir)
    {
        try
        {
            await LocalScript.RunAsync(script, null, "stop", Path.Combine(tempDir, "mail"));
        }
        finally
        {
            Directory.Delete(tempDir, recursive: true);
        }
    }

    // "host=127.0.0.1 imap=N smtp=N user=U password=P address=A" (see mail.sh).
    private static Dictionary<string, string> ParseSettings(string line)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                throw new InvalidOperationException($"mail.sh start printed '{line}', not key=value pairs.");
            }
            settings[pair[..equals]] = pair[(equals + 1)..];
        }
        return settings;
    }

    private static string Setting(IReadOnlyDictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"mail.sh start printed no '{key}=' setting.");
}

