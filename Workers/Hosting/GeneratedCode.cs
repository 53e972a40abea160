using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.Extensions.DependencyInjection;

namespace PhotonSupport.Workers.Hosting;

/// <summary>
/// Wolverine runs every handler through an adapter class it writes in C#; left to itself it compiles each with Roslyn
/// the first time the handler runs, which made the first <c>POST /api/tickets</c> after a start take over a second and
/// a half, and a Workers node's first mail or job message as long. <see cref="Command"/> writes those classes into
/// Workers/<see cref="Folder"/>, where they are checked in and compiled into this assembly beside the handlers; outside
/// Development and the tests every host (Api, Workers, Migrations) loads them from there and never compiles at runtime,
/// so they must be current (GeneratedCodeIsCurrent in the Workers tests compares them with what the command writes).
/// Every host wires the same handlers (<see cref="PhotonSupportWiring"/>), so one set of classes serves them all.
/// Marten 9 generates its own code when the project builds, so it has nothing here.
/// </summary>
public static class GeneratedCode
{
    public const string Folder = "Internal/Generated";
    public const string Command = "dotnet run --project Workers -- codegen write";

    /// <summary>The environment the tests run their hosts in: as in Development, the classes are compiled on first use, so a changed handler needs no step.</summary>
    public const string TestingEnvironment = "Testing";

    public static Assembly Assembly => typeof(GeneratedCode).Assembly;

    internal static void UseGeneratedCode(this IServiceCollection services) =>
        services.CritterStackDefaults(x =>
        {
            // JasperFx's Development profile (Dynamic: generate and compile on first use) for Development and the tests;
            // its Production profile for every other environment (Production, Staging, …).
            x.DevelopmentEnvironmentName = TestingEnvironment;
            x.Production.GeneratedCodeMode = TypeLoadMode.Static;
            x.Production.SourceCodeWritingEnabled = false;
        });

    /// <summary>
    /// The settings a JasperFx command runs the host with. Generating code reads no database (the host is built, never
    /// started), so <c>codegen</c> needs none configured; and it writes under the content root, which is the Workers
    /// project's folder when the command runs from the source tree, whichever folder it was started in.
    /// </summary>
    public static string[] CommandSettings(string[] args)
    {
        if (args is not ["codegen", ..]) return args;
        string[] settings = [.. args, $"--ConnectionStrings:{PhotonSupportWiring.ConnectionStringName}=Host=codegen.invalid"];
        return args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) || ProjectFolder() is not { } folder
            ? settings
            : [.. settings, $"--contentRoot={folder}"];
    }

    /// <summary>The folder of this project's file above the running binary (bin/Release/net10.0), if there is one.</summary>
    private static string? ProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PhotonSupport.Workers.csproj"))) return dir.FullName;
        return null;
    }
}
