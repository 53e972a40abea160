using System.Security.Claims;

namespace PhotonSupport.Api.Auth;

/// <summary>Who a key belongs to: the support page asks once after sign-in, to greet the caller and show what their role allows.</summary>
public sealed record Me(string Name, string Role);

public static class MeEndpoints
{
    public static void MapMe(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/me", (ClaimsPrincipal user) => new Me(user.Identity!.Name!, user.FindFirstValue(ClaimTypes.Role)!))
            .WithTags("Auth")
            .WithName("GetMe")
            .Produces<Me>()
            .RequireAuthorization(Policies.AnyKey);
}
