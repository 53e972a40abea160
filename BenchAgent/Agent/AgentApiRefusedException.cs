using System.Net;
using System.Text.Json;
using PhotonSupport.Domain.Tickets;

namespace PhotonSupport.BenchAgent.Agent;

/// <summary>The Api answered 4xx: it understood the request and said no; <see cref="ProblemType"/> says which rule.</summary>
public sealed class AgentApiRefusedException(HttpStatusCode status, string? problemType, string problem)
    : Exception($"the Api answered {(int)status}: {problem}")
{
    public HttpStatusCode Status { get; } = status;

    public string? ProblemType { get; } = problemType;

    /// <summary>
    /// The Api says the job is no longer this agent's: unknown, held through another key, or a claim whose
    /// lease ran out (STYLE §3b: job not found, lock token expired). Nothing sent for it will be accepted.
    /// </summary>
    public bool ClaimOver => Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
                             || (Status == HttpStatusCode.Conflict && ProblemType == TicketRules.ClaimLost);

    /// <summary>Asking again later may get another answer (RFC 9110: 408 Request Timeout, RFC 6585: 429 Too Many Requests).</summary>
    public bool Transient => Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    public static string? TypeOf(string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(problem);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var type)
                ? type.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null; // a proxy's HTML error page: no rule to name
        }
    }
}
