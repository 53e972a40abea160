using JasperFx.CodeGeneration;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Api.Hosting;
using PhotonSupport.Workers.Hosting;
using Wolverine;

namespace PhotonSupport.Api.Tests;

/// <summary>The Api runs the handler code generated ahead of time for the Workers host (GeneratedCodeIsCurrent in the Workers tests).</summary>
public class ApiHandlerCode
{
    [Fact]
    public void A_production_Api_loads_the_handler_code_checked_in_beside_the_handlers_and_compiles_none()
    {
        using var app = ApiHost.Build(["--environment=Production", "--ConnectionStrings:PhotonSupport=Host=unused.invalid"]);

        var codeGeneration = app.Services.GetRequiredService<WolverineOptions>().CodeGeneration;

        codeGeneration.TypeLoadMode.ShouldBe(TypeLoadMode.Static);
        codeGeneration.ApplicationAssembly.ShouldBe(typeof(PhotonSupportWiring).Assembly);
    }
}
