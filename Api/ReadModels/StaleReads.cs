using PhotonSupport.Workers.ReadModels;

namespace PhotonSupport.Api.ReadModels;

/// <summary>
/// Tells a client that what it reads may lag its own writes: after <see cref="ProjectionFreshness.DefaultLimit"/>
/// a read answers with what the projection has rather than not at all, and says so in a header.
/// </summary>
public static class StaleReads
{
    /// <summary>Present only on a stale answer, e.g. <c>DeviceHistory:All; behind=3</c> (events not yet projected).</summary>
    public const string Header = "X-Projection-Stale";

    /// <summary>Waits for <paramref name="projection"/> to catch up with every committed write and marks the response if it did not.</summary>
    public static async Task<Freshness> WaitForAsync(this HttpContext http, string projection)
    {
        var freshness = await http.RequestServices.GetRequiredService<ProjectionFreshness>().WaitAsync(projection, http.RequestAborted);
        if (freshness.Stale) http.Response.Headers[Header] = $"{freshness.Shard}; behind={freshness.Behind}";
        return freshness;
    }
}
