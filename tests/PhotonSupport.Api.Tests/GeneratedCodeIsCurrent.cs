using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Api.Hosting;
using Wolverine;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// Outside Development and the tests the Api runs the Wolverine handler code checked in under Api/Internal/Generated
/// and never compiles any: that code must be what <c>codegen write</c> writes for the handlers as they are now.
/// </summary>
public class GeneratedCodeIsCurrent : IDisposable
{
    private readonly DirectoryInfo _contentRoot = Directory.CreateTempSubdirectory("photonsupport-codegen-");

    public void Dispose() => _contentRoot.Delete(recursive: true);

    [Fact]
    public void The_checked_in_generated_code_is_what_codegen_write_writes_now()
    {
        // What `codegen write` does (JasperFx's GenerateCodeCommand), on the Api's host with its content root elsewhere:
        // the command writes under the content root, so the checked-in files stay as they are.
        using (var app = ApiHost.BuildForCommand(["codegen", "write", $"--contentRoot={_contentRoot.FullName}"]))
        {
            var services = app.Services;
            new DynamicCodeBuilder(services, services.GetServices<ICodeFileCollection>().ToArray())
            {
                ServiceVariableSource = services.GetService<IServiceVariableSource>(),
            }.WriteGeneratedCode(_ => { });
        }

        var written = Files(Path.Combine(_contentRoot.FullName, GeneratedCode.Folder));
        var checkedIn = Files(Path.Combine(RepositoryRoot(), "Api", GeneratedCode.Folder));
        written.ShouldNotBeEmpty();
        var stale = written.Keys.Union(checkedIn.Keys)
            .Where(file => written.GetValueOrDefault(file) != checkedIn.GetValueOrDefault(file))
            .Order(StringComparer.Ordinal)
            .ToArray();
        stale.ShouldBeEmpty(
            $"Api/{GeneratedCode.Folder} is out of date with the handlers (these files differ, are missing or are left over); " +
            $"delete the folder, run `{GeneratedCode.Command}` and commit the folder");
    }

    [Fact]
    public void A_production_Api_loads_the_checked_in_handler_code_and_compiles_none()
    {
        using var app = ApiHost.Build(["--environment=Production", "--ConnectionStrings:PhotonSupport=Host=unused.invalid"]);

        var codeGeneration = app.Services.GetRequiredService<WolverineOptions>().CodeGeneration;

        codeGeneration.TypeLoadMode.ShouldBe(TypeLoadMode.Static);
        codeGeneration.ApplicationAssembly.ShouldBe(typeof(ApiHost).Assembly);
    }

    [Fact]
    public void The_tests_Api_compiles_its_handler_code_so_a_changed_handler_needs_no_codegen_step()
    {
        using var app = ApiHost.Build([$"--environment={GeneratedCode.TestingEnvironment}", "--ConnectionStrings:PhotonSupport=Host=unused.invalid"]);

        app.Services.GetRequiredService<WolverineOptions>().CodeGeneration.TypeLoadMode.ShouldBe(TypeLoadMode.Dynamic);
    }

    /// <summary>Each generated file's text by its path under the folder ('/'-separated); none when there is no folder.</summary>
    private static Dictionary<string, string> Files(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText)
            : [];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PhotonSupport.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no PhotonSupport.sln above {AppContext.BaseDirectory}");
    }
}
