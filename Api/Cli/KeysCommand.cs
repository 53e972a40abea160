using System.Globalization;
using System.Text.Json;
using PhotonSupport.Workers.Auth;
using PhotonSupport.Workers.Hosting;

namespace PhotonSupport.Api.Cli;

/// <summary>
/// <c>keys create | list | revoke | dev-bootstrap</c>: API key management against the database the Api uses.
/// A token is printed by <c>create</c> alone, and written by <c>dev-bootstrap</c> to a file only its owner reads.
/// <c>keys new-vault-key | rotate-vault</c>: the backup vault's keys (<see cref="VaultKeysCommand"/>).
/// </summary>
public static class KeysCommand
{
    public const string Name = "keys";
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public const string DevSupervisor = "dev-supervisor";
    public const string DevAgent = "dev-agent";
    public const string DevAdmin = "dev-admin";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>From the command line: arguments are checked first, so a typo needs no database.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (Parse(args, error) is not { } request) return BadArguments;
        // Makes the key a host needs before it may start, so it must work without one, and without a database.
        if (request is NewVaultKey newKey) return VaultKeysCommand.NewKey(newKey, TimeProvider.System, output);

        using var host = CommandHost.Build([], Name, error);
        if (host is null) return Failed;
        // This host never starts, so it does here what a starting Api does with the schema.
        try
        {
            await DatabaseSchema.PrepareAsync(host.Services, CancellationToken.None);
        }
        catch (SchemaNotCurrentException refused)
        {
            error.WriteLine($"keys: {refused.Message}");
            return Failed;
        }
        return await ExecuteAsync(host.Services, request, output, error);
    }

    /// <summary>With the services of a host that already runs.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error) =>
        Parse(args, error) is { } request ? await ExecuteAsync(services, request, output, error) : BadArguments;

    private static KeysRequest? Parse(string[] args, TextWriter error)
    {
        try
        {
            return KeysArguments.Parse(args);
        }
        catch (KeysUsageException bad)
        {
            error.WriteLine($"keys: {bad.Message}");
            error.WriteLine(KeysArguments.Usage);
            return null;
        }
    }

    private static Task<int> ExecuteAsync(IServiceProvider services, KeysRequest request, TextWriter output, TextWriter error) => request switch
    {
        CreateKey create => CreateAsync(Keys(services), create, output),
        ListKeys => ListAsync(Keys(services), output),
        RevokeKey revoke => RevokeAsync(Keys(services), revoke, output, error),
        BootstrapDevKeys bootstrap => BootstrapAsync(Keys(services), bootstrap, output),
        NewVaultKey newKey => Task.FromResult(VaultKeysCommand.NewKey(newKey, services.GetRequiredService<TimeProvider>(), output)),
        RotateVault => VaultKeysCommand.RotateAsync(services, output, error, CancellationToken.None),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request, "No such keys request."),
    };

    private static ApiKeys Keys(IServiceProvider services) => services.GetRequiredService<ApiKeys>();

    private static async Task<int> CreateAsync(ApiKeys keys, CreateKey create, TextWriter output)
    {
        var (key, token) = await keys.CreateAsync(create.Name, create.Role);
        output.WriteLine($"created key {key.Id} '{key.Name}' with the role {key.Role}; its token, shown this once:");
        output.WriteLine(token);
        return Succeeded;
    }

    private static async Task<int> ListAsync(ApiKeys keys, TextWriter output)
    {
        string[][] rows =
        [
            ["ID", "NAME", "ROLE", "CREATED", "REVOKED"],
            .. (await keys.ListAsync()).Select(k => new[] { k.Id, k.Name, k.Role, Time(k.CreatedAt), k.RevokedAt is { } at ? Time(at) : "-" }),
        ];
        var widths = rows[0].Select((_, column) => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows) output.WriteLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        return Succeeded;

        static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static async Task<int> RevokeAsync(ApiKeys keys, RevokeKey revoke, TextWriter output, TextWriter error)
    {
        var revoked = await keys.RevokeAsync(revoke.IdOrName);
        if (revoked.Count == 0)
        {
            error.WriteLine($"keys: no active key has the id or name '{revoke.IdOrName}'.");
            return Failed;
        }
        foreach (var key in revoked) output.WriteLine($"revoked key {key.Id} '{key.Name}' ({key.Role})");
        return Succeeded;
    }

    /// <summary>
    /// Keys for a developer's machine, once: an existing file is left alone. Without it, earlier dev keys are
    /// revoked, since their tokens went with the file and nobody can use or hand them back. The admin key is
    /// there because a fresh system's firmware library is empty and only an admin may load it.
    /// </summary>
    private static async Task<int> BootstrapAsync(ApiKeys keys, BootstrapDevKeys bootstrap, TextWriter output)
    {
        var path = Path.GetFullPath(bootstrap.File);
        if (File.Exists(path))
        {
            output.WriteLine($"{path} exists: keeping its keys, creating none.");
            return Succeeded;
        }

        foreach (var name in new[] { DevSupervisor, DevAgent, DevAdmin })
            foreach (var stale in await keys.RevokeAsync(name))
                output.WriteLine($"revoked key {stale.Id} '{stale.Name}', whose token file is gone");
        var (_, supervisor) = await keys.CreateAsync(DevSupervisor, Roles.Supervisor);
        var (_, agent) = await keys.CreateAsync(DevAgent, Roles.Agent);
        var (_, admin) = await keys.CreateAsync(DevAdmin, Roles.Admin);

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var file = new FileStream(path, OwnerOnlyFiles.CreateNew()))
            await JsonSerializer.SerializeAsync(file, new DevKeysFile(supervisor, agent, admin, bootstrap.Api), Json);
        output.WriteLine($"wrote the tokens of {DevSupervisor}, {DevAgent} and {DevAdmin} to {path} (mode 0600)");
        return Succeeded;
    }

    private sealed record DevKeysFile(string Supervisor, string Agent, string Admin, string Api);
}
