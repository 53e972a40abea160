using Marten;
using PhotonSupport.Api.Auth;
using PhotonSupport.Domain.Agents;
using PhotonSupport.Workers.Agents;

namespace PhotonSupport.Api.Agents;

public static class AgentRoutes
{
    public static void MapAgents(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup(AgentPaths.Group).WithTags("Bench agents").RequireAuthorization(Policies.Agent);
        agents.MapClaim();
        agents.MapJobWork();

        app.MapGet(AgentPaths.Group, async (IQuerySession session, CancellationToken cancellation) =>
                Results.Ok(await session.Query<AgentStatus>().OrderBy(a => a.Id).ToListAsync(cancellation)))
            .WithTags("Bench agents")
            .WithName("ListAgents")
            .RequireAuthorization(Policies.Staff);
    }
}
