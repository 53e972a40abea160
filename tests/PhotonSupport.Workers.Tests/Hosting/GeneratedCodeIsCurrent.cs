using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Workers.Hosting;
using Wolverine;

namespace PhotonSupport.Workers.Tests.Hosting;

/// <summary>
/// Outside Development and the tests every host runs the Wolverine handler code checked in under
/// Workers/Internal/Generated and never compiles any: that code must be what <c>codegen write</c> writes for the
/// handlers as they are now.
/// </summary>
public class GeneratedCodeIsCurrent : IDisposable
{
    private readonly DirectoryInfo _contentRoot = Directory.CreateTempSubdirectory("photonsupport-codegen-");

    public void Dispose() => _contentRoot.Delete(recursive: true);

    [Fact]
    public void The_checked_in_generated_code_is_what_codegen_write_writes_now()
    {
        // What `codegen write` does (JasperFx's GenerateCodeCommand), on the Workers host with its content root elsewhere:
        // the command writes under the content root, so the checked-in files stay as they are.
        using (var host = WorkersHost.Build(GeneratedCode.CommandSettings(["codegen", "write", $"--contentRoot={_contentRoot.FullName}"])))
        {
            var services = host.Services;
            new DynamicCodeBuilder(services, services.GetServices<ICodeFileCollection>().ToArray())
            {
                ServiceVariableSource = services.GetService<IServiceVariableSource>(),
            }.WriteGeneratedCode(_ => { });
        }

        var written = Files(Path.Combine(_contentRoot.FullName, "Internal", "Generated"));
        var checkedIn = Files(Path.Combine(RepositoryRoot(), "Workers", "Internal", "Generated"));
        written.ShouldNotBeEmpty();
        var stale = written.Keys.Union(checkedIn.Keys)
            .Where(file => written.GetValueOrDefault(file) != checkedIn.GetValueOrDefault(file))
            .Order(StringComparer.Ordinal)
            .ToArray();
        stale.ShouldBeEmpty(
            "Workers/Internal/Generated is out of date with the handlers (these files differ, are missing or are left over); " +
            $"delete the folder, run `{GeneratedCode.Command}` and commit the folder");
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_development_a_node_loads_the_checked_in_handler_code_and_compiles_none(string environment)
    {
        using var host = WorkersHost.Build([$"--environment={environment}", "--ConnectionStrings:PhotonSupport=Host=unused.invalid"]);

        var codeGeneration = host.Services.GetRequiredService<WolverineOptions>().CodeGeneration;

        codeGeneration.TypeLoadMode.ShouldBe(TypeLoadMode.Static);
        codeGeneration.ApplicationAssembly.ShouldBe(typeof(PhotonSupportWiring).Assembly);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void In_development_and_the_tests_a_node_compiles_its_handler_code_so_a_changed_handler_needs_no_codegen_step(string environment)
    {
        using var host = WorkersHost.Build([$"--environment={environment}", "--ConnectionStrings:PhotonSupport=Host=unused.invalid"]);

        host.Services.GetRequiredService<WolverineOptions>().CodeGeneration.TypeLoadMode.ShouldBe(TypeLoadMode.Dynamic);
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
