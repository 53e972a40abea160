using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Workers.Hosting;
using Wolverine;

namespace PhotonSupport.Workers.Tests.Hosting;

/// <summary>
/// Only nodes with background work run Wolverine's durability agent or may lead the cluster: a leader places only the
/// agents its own node registers, and an Api node registers no durability agent.
/// </summary>
public class NodeRoles
{
    [Theory]
    [InlineData("All", true)]
    [InlineData("Workers", true)]
    [InlineData("Api", false)]
    public void A_node_runs_the_durability_agent_and_may_lead_exactly_when_it_has_background_work(string role, bool background)
    {
        using var host = WorkersHost.Build([$"--PhotonSupport:Node:Role={role}", "--ConnectionStrings:PhotonSupport=Host=unused.invalid"]);

        var durability = host.Services.GetRequiredService<WolverineOptions>().Durability;

        (durability.DurabilityAgentEnabled, durability.LeadershipEligible).ShouldBe((background, background));
    }
}
