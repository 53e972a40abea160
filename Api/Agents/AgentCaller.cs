using System.Security.Claims;
using PhotonSupport.Api.Auth;
using PhotonSupport.Api.Hosting;

namespace PhotonSupport.Api.Agents;

/// <summary>The agent calling: its API key id is who it is (names may repeat), its key's name is what people read.</summary>
public sealed record AgentCaller(string KeyId, string Name)
{
    public static AgentCaller Of(HttpContext http) =>
        new(http.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? throw new InvalidOperationException("an agent request without a key id"),
            Actors.Of(http));
}
