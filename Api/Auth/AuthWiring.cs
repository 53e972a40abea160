using Microsoft.AspNetCore.Authentication;
using PhotonSupport.Workers.Settings;

namespace PhotonSupport.Api.Auth;

public static class AuthWiring
{
    /// <summary>API keys as the only way in, refused ones counted per client address, and the role policies endpoints name.</summary>
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedSettings<FailedSignInOptions>(configuration, FailedSignInOptions.Section);
        services.AddSingleton<FailedSignIns>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder().AddPhotonSupportPolicies();
        return services;
    }
}
