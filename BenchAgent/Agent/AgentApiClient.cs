using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PhotonSupport.BenchAgent.Agent;

public sealed record BenchDevice(string DeviceId, string Platform);

public sealed record ClaimedJob(Guid JobId, Guid TicketId, string Kind, string DeviceId, string Platform,
    Dictionary<string, string> Parameters, DateTimeOffset LeaseExpiresAt);

public sealed record HeartbeatAnswer(bool Cancelled, DateTimeOffset LeaseExpiresAt);

public sealed record JobCompletion(string Outcome, string Details, JobCompletionResult? Result);

public sealed record JobCompletionResult(string? PublicKeyPem);

/// <summary>The Api refused a request for a reason that retrying will not change.</summary>
public sealed class AgentApiRefusedException(HttpStatusCode status, string problem) : Exception($"the Api answered {(int)status}: {problem}")
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>The agent's side of the Api's agent endpoints; every call carries the agent's key.</summary>
public sealed class AgentApiClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly HttpClient _http;

    public AgentApiClient(Uri api, string token, TimeSpan longPoll)
    {
        // The long poll holds a request open; give it room beyond the wait it asked for.
        _http = new HttpClient { BaseAddress = api, Timeout = longPoll + TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<ClaimedJob?> ClaimAsync(IReadOnlyList<BenchDevice> devices, TimeSpan wait, CancellationToken cancellation)
    {
        using var response = await _http.PostAsJsonAsync($"/api/agents/claims?waitSeconds={(int)wait.TotalSeconds}", new { devices }, Json, cancellation);
        if (response.StatusCode == HttpStatusCode.NoContent) return null;
        await EnsureAcceptedAsync(response, cancellation);
        return await response.Content.ReadFromJsonAsync<ClaimedJob>(Json, cancellation);
    }

    public async Task<HeartbeatAnswer> HeartbeatAsync(Guid jobId, int percent, string message, CancellationToken cancellation)
    {
        using var response = await _http.PostAsJsonAsync($"/api/agents/jobs/{jobId}/heartbeat", new { progressPercent = percent, message }, Json, cancellation);
        await EnsureAcceptedAsync(response, cancellation);
        return (await response.Content.ReadFromJsonAsync<HeartbeatAnswer>(Json, cancellation))!;
    }

    public async Task UploadBackupAsync(Guid jobId, byte[] image, CancellationToken cancellation)
    {
        using var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.PutAsync($"/api/agents/jobs/{jobId}/artifacts/backup", content, cancellation);
        await EnsureAcceptedAsync(response, cancellation);
    }

    public Task<byte[]> DownloadBackupAsync(Guid jobId, CancellationToken cancellation) =>
        GetBytesAsync($"/api/agents/jobs/{jobId}/artifacts/backup", cancellation);

    public Task<byte[]> DownloadFirmwareAsync(string platform, string name, CancellationToken cancellation) =>
        GetBytesAsync($"/api/firmware/{Uri.EscapeDataString(platform)}/{Uri.EscapeDataString(name)}", cancellation);

    public async Task CompleteAsync(Guid jobId, JobCompletion completion, CancellationToken cancellation)
    {
        using var response = await _http.PostAsJsonAsync($"/api/agents/jobs/{jobId}/complete", completion, Json, cancellation);
        await EnsureAcceptedAsync(response, cancellation);
    }

    private async Task<byte[]> GetBytesAsync(string path, CancellationToken cancellation)
    {
        using var response = await _http.GetAsync(path, cancellation);
        await EnsureAcceptedAsync(response, cancellation);
        return await response.Content.ReadAsByteArrayAsync(cancellation);
    }

    /// <summary>A 4xx is the Api saying no (not retried); a 5xx or a dropped connection surfaces as HttpRequestException (retried).</summary>
    private static async Task EnsureAcceptedAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        if (response.IsSuccessStatusCode) return;
        var problem = await response.Content.ReadAsStringAsync(cancellation);
        if ((int)response.StatusCode is >= 400 and < 500) throw new AgentApiRefusedException(response.StatusCode, problem);
        throw new HttpRequestException($"the Api answered {(int)response.StatusCode}: {problem}", null, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();
}
