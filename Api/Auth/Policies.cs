using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Auth;

/// <summary>The authorization policies endpoints name; each admits a fixed set of key roles.</summary>
public static class Policies
{
    public const string Staff = "Staff";
    public const string Supervisor = "Supervisor";
    public const string Agent = "Agent";
    public const string Admin = "Admin";
    public const string AnyKey = "AnyKey";

    private static readonly string[] SupervisorRoles = [Roles.Supervisor, Roles.Admin];

    /// <summary>Whether the caller may do what only a supervisor may, where a rule (not an endpoint) asks.</summary>
    public static bool IsSupervisor(ClaimsPrincipal user) => SupervisorRoles.Any(user.IsInRole);

    public static AuthorizationBuilder AddPhotonSupportPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(Staff, p => p.RequireRole(Roles.Support, Roles.Supervisor, Roles.Admin))
        .AddPolicy(Supervisor, p => p.RequireRole(SupervisorRoles))
        .AddPolicy(Agent, p => p.RequireRole(Roles.Agent))
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(AnyKey, p => p.RequireRole(Roles.All))
        // Closed by default: an endpoint that names no policy still needs a valid key; the few open ones say AllowAnonymous.
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
}
