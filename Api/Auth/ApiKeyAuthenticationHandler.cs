using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer ps_…</c> against the stored key hashes, and answers 401 and 403
/// as problem documents like every other error of the Api.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys, FailedSignIns failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "photonsupport:key-id";

    private const string Bearer = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? authorization = Request.Headers.Authorization;
        if (authorization is null || !authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();

        var key = await keys.VerifyAsync(authorization[Bearer.Length..].Trim(), Context.RequestAborted);
        if (key is null)
            return await failures.CountAsync(Context.Connection.RemoteIpAddress, Context.RequestAborted) is { } retryAfter
                ? AuthenticateResult.Fail(new TooManyFailedSignIns(retryAfter))
                : AuthenticateResult.Fail("The API key is malformed, unknown or revoked.");

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role), new Claim(KeyIdClaim, key.Id)],
            SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // RFC 6750: a token that was sent but refused is "invalid_token"; a request without one gets the bare scheme.
        var refused = (await HandleAuthenticateOnceSafeAsync()).Failure;
        if (refused is TooManyFailedSignIns tooMany)
        {
            Response.Headers.RetryAfter = Math.Ceiling(tooMany.RetryAfter.TotalSeconds).ToString("0");
            await AuthProblems.TooManyFailedSignIns(tooMany.Message).ExecuteAsync(Context);
            return;
        }
        Response.Headers.WWWAuthenticate = refused is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await AuthProblems.Unauthenticated(refused?.Message ?? "This endpoint needs an API key, sent as 'Authorization: Bearer ps_…'.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.Forbidden($"A key with the role '{Context.User.FindFirstValue(ClaimTypes.Role)}' may not do this.").ExecuteAsync(Context);
}
