using Npgsql;
using PhotonSupport.Workers.Hosting;

namespace PhotonSupport.Migrations;

/// <summary>
/// The operator's verbs for the complete schema (<see cref="DatabaseSchema"/>), with the configuration the hosts use
/// (<c>PHOTONSUPPORT_DB</c> or <c>ConnectionStrings:PhotonSupport</c>, from the environment or <c>--</c> options):
/// <c>apply</c> brings the database up to this version, <c>check</c> exits 1 when it is not, <c>script FILE</c> writes
/// the SQL <c>apply</c> would run (against an empty database: the whole schema).
/// </summary>
public static class SchemaCommand
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>(["apply", "check", "script"]);

    private const string Usage = "usage: dotnet run --project Migrations -- apply | check | script FILE [--ConnectionStrings:PhotonSupport=...]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (verb, file, settings) = args switch
        {
            ["script", var path, .. var rest] when !path.StartsWith('-') => ("script", Path.GetFullPath(path), rest),
            ["script", ..] => ("script", null, []),
            [var other, .. var rest] => (other, null, rest),
            _ => ("", null, Array.Empty<string>()),
        };
        if (verb == "script" && file is null)
        {
            error.WriteLine("script: name the file to write the SQL to.");
            error.WriteLine(Usage);
            return BadArguments;
        }

        using var host = CommandHost.Build(settings, verb, error);
        if (host is null) return Failed;
        try
        {
            return verb switch
            {
                "apply" => await ApplyAsync(host.Services, output),
                "check" => await CheckAsync(host.Services, output, error),
                _ => await ScriptAsync(host.Services, file!, output),
            };
        }
        catch (NpgsqlException unreachable)
        {
            error.WriteLine($"{verb}: the database did not answer: {unreachable.Message}");
            return Failed;
        }
    }

    private static async Task<int> ApplyAsync(IServiceProvider services, TextWriter output)
    {
        var pending = await DatabaseSchema.PendingAsync(services, CancellationToken.None);
        foreach (var change in DatabaseSchema.Objects(pending)) output.WriteLine($"  {change}");
        await DatabaseSchema.ApplyAsync(services, CancellationToken.None);
        output.WriteLine(pending.Count == 0 ? "apply: the schema was already current; nothing changed." : "apply: the schema is current.");
        return Succeeded;
    }

    private static async Task<int> CheckAsync(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var pending = await DatabaseSchema.PendingAsync(services, CancellationToken.None);
        if (pending.Count == 0)
        {
            output.WriteLine("check: the schema is current.");
            return Succeeded;
        }
        foreach (var change in DatabaseSchema.Objects(pending)) error.WriteLine($"  {change}");
        error.WriteLine($"check: the schema is not this version's; bring it up to date with `{DatabaseSchema.ApplyCommand}`.");
        return Failed;
    }

    private static async Task<int> ScriptAsync(IServiceProvider services, string file, TextWriter output)
    {
        var pending = await DatabaseSchema.PendingAsync(services, CancellationToken.None);
        await using (var writer = File.CreateText(file)) DatabaseSchema.WriteScript(pending, writer);
        output.WriteLine(pending.Count == 0
            ? $"script: the schema is current; {file} is empty."
            : $"script: wrote the SQL for {DatabaseSchema.Objects(pending).Count()} objects to {file}.");
        return Succeeded;
    }
}
