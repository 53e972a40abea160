using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using PhotonSupport.Domain.Agents;

namespace PhotonSupport.BenchAgent.Agent;

/// <summary>The agent's side of the Api's agent endpoints (<see cref="AgentPaths"/>); every call carries the agent's key.</summary>
public sealed class AgentApiClient : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="handler">The HTTP stack; tests put a fault-injecting handler in front of the real one.</param>
    public AgentApiClient(Uri api, string token, TimeSpan longPoll, HttpMessageHandler? handler = null)
    {
        // The long poll holds a request open; give it room beyond the wait it asked for.
        _http = new HttpClient(handler ?? new SocketsHttpHandler()) { BaseAddress = api, Timeout = longPoll + TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<ClaimedJob?> ClaimAsync(IReadOnlyList<DeviceOnBench> devices, TimeSpan wait, CancellationToken cancellation)
    {
        using var response = await _http.PostAsJsonAsync(AgentPaths.ClaimWaiting(wait), new ClaimRequest(devices), AgentWire.Json, cancellation);
        if (response.StatusCode == HttpStatusCode.NoContent) return null;
        await EnsureAcceptedAsync(response, cancellation);
        return await response.Content.ReadFromJsonAsync<ClaimedJob>(AgentWire.Json, cancellation);
    }

    public async Task<HeartbeatAnswer> HeartbeatAsync(ClaimedJob job, HeartbeatRequest beat, CancellationToken cancellation)
    {
        using var response = await _http.PostAsJsonAsync(AgentPaths.HeartbeatOf(job.JobId, job.ClaimId), beat, AgentWire.Json, cancellation);
        await EnsureAcceptedAsync(response, cancellation);
        return await response.Content.ReadFromJsonAsync<HeartbeatAnswer>(AgentWire.Json, cancellation)
               ?? throw new HttpRequestException("the Api answered a heartbeat with an empty body");
    }

    public async Task UploadBackupAsync(ClaimedJob job, byte[] image, CancellationToken cancellation)
    {
        using var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.PutAsync(AgentPaths.BackupOf(job.JobId, job.ClaimId), content, cancellation);
        await EnsureAcceptedAsync(response, cancellation);
    }

    public Task<byte[]> DownloadBackupAsync(ClaimedJob job, CancellationToken cancellation) =>
        GetBytesAsync(AgentPaths.BackupOf(job.JobId, job.ClaimId), cancellation);

    public Task<byte[]> DownloadFirmwareAsync(ClaimedJob job, string name, CancellationToken cancellation) =>
        GetBytesAsync(AgentPaths.FirmwareOf(job.Platform.ToString(), name), cancellation);

    public async Task CompleteAsync(ClaimedJob job, CompleteRequest completion, CancellationToken cancellation)
    {
        using var response = await _http.PostAsJsonAsync(AgentPaths.CompleteOf(job.JobId, job.ClaimId), completion, AgentWire.Json, cancellation);
        await EnsureAcceptedAsync(response, cancellation);
    }

    private async Task<byte[]> GetBytesAsync(string path, CancellationToken cancellation)
    {
        using var response = await _http.GetAsync(path, cancellation);
        await EnsureAcceptedAsync(response, cancellation);
        return await response.Content.ReadAsByteArrayAsync(cancellation);
    }

    /// <summary>A 401 ends the agent, another 4xx is the Api saying no; a 5xx surfaces as HttpRequestException, as a dropped connection does.</summary>
    private static async Task EnsureAcceptedAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        if (response.IsSuccessStatusCode) return;
        var problem = await response.Content.ReadAsStringAsync(cancellation);
        if (response.StatusCode == HttpStatusCode.Unauthorized) throw new AgentKeyRevokedException(problem);
        if ((int)response.StatusCode is >= 400 and < 500)
            throw new AgentApiRefusedException(response.StatusCode, AgentApiRefusedException.TypeOf(problem), problem);
        throw new HttpRequestException($"the Api answered {(int)response.StatusCode}: {problem}", null, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();
}
