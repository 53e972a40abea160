using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using PhotonSupport.Workers.Hosting;

namespace PhotonSupport.Api.Hosting;

/// <summary>
/// Wolverine runs every handler through an adapter class it writes in C#; left to itself it compiles each with Roslyn
/// the first time the handler runs, which made the first <c>POST /api/tickets</c> after a start take over a second and
/// a half. <see cref="Command"/> writes those classes into Api/<see cref="Folder"/>, where they are checked in and
/// compiled into this assembly; outside Development and the tests the Api loads them from there and never compiles at
/// runtime, so they must be current (GeneratedCodeIsCurrent in the Api tests compares them with what the command writes).
/// Marten 9 generates its own code when the project builds, so it has nothing here.
/// </summary>
public static class GeneratedCode
{
    public const string Folder = "Internal/Generated";
    public const string Command = "dotnet run --project Api -- codegen write";

    /// <summary>The environment the Api tests run in: as in Development, the classes are compiled on first use, so a changed handler needs no step.</summary>
    public const string TestingEnvironment = "Testing";

    /// <summary>Where the classes are compiled: the Api, not Workers, where the handlers are and which JasperFx would otherwise take.</summary>
    public static Assembly Assembly => typeof(GeneratedCode).Assembly;

    public static void UseGeneratedCode(this IServiceCollection services) =>
        services.CritterStackDefaults(x =>
        {
            // JasperFx's Development profile (Dynamic: generate and compile on first use) for Development and the tests;
            // its Production profile for every other environment (Production, Staging, …).
            x.DevelopmentEnvironmentName = TestingEnvironment;
            x.Production.GeneratedCodeMode = TypeLoadMode.Static;
            x.Production.SourceCodeWritingEnabled = false;
        });

    /// <summary>
    /// The settings JasperFx's commands run the Api's host with. Generating code reads no database (the host is built,
    /// never started), so <c>codegen</c> needs none configured.
    /// </summary>
    public static string[] CommandSettings(string[] args) =>
        args is ["codegen", ..] ? [.. args, $"--ConnectionStrings:{PhotonSupportWiring.ConnectionStringName}=Host=codegen.invalid"] : args;
}
