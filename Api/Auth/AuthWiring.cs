using Microsoft.AspNetCore.Authentication;

namespace PhotonSupport.Api.Auth;

public static class AuthWiring
{
    /// <summary>API keys as the only way in, and the role policies endpoints name.</summary>
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder().AddPhotonSupportPolicies();
        return services;
    }
}
