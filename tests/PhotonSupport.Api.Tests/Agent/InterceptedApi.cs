namespace PhotonSupport.Api.Tests.Agent;

/// <summary>
/// Sits between the agent and the real Api: for each request the test passes it on (<c>forward</c>),
/// answers in the Api's place, or fails it as a broken network would.
/// </summary>
public sealed class InterceptedApi(Func<HttpRequestMessage, Func<Task<HttpResponseMessage>>, CancellationToken, Task<HttpResponseMessage>> intercept)
    : DelegatingHandler(new SocketsHttpHandler())
{
    public static InterceptedApi PassingAll() => new((_, forward, _) => forward());

    public static bool IsHeartbeat(HttpRequestMessage request) => request.RequestUri!.AbsolutePath.EndsWith("/heartbeat", StringComparison.Ordinal);

    public static bool IsReport(HttpRequestMessage request) => request.RequestUri!.AbsolutePath.EndsWith("/complete", StringComparison.Ordinal);

    public static bool IsClaim(HttpRequestMessage request) => request.RequestUri!.AbsolutePath.EndsWith("/claims", StringComparison.Ordinal);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        intercept(request, () => base.SendAsync(request, cancellationToken), cancellationToken);
}
