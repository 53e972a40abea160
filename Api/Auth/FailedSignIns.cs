using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PhotonSupport.Api.Auth;

/// <summary>
/// Counts refused API keys per client address in a fixed window. ASP.NET Core's rate-limiting middleware decides before
/// the endpoint runs and counts every request; this counts only the failures, with the same limiter underneath, so a good
/// key from a busy address is never held back by a bad one.
/// </summary>
public sealed class FailedSignIns : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _limiter;
    private readonly TimeSpan _window;

    public FailedSignIns(IOptions<FailedSignInOptions> options)
    {
        var (limit, window) = (options.Value.Limit, options.Value.Window);
        _window = window;
        _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 }));
    }

    /// <summary>Counts one refused key from <paramref name="address"/>; how long it must wait when that was one too many, else null.</summary>
    public TimeSpan? Count(IPAddress? address)
    {
        // One client seen over IPv4 and over IPv4-mapped IPv6 is one client.
        var client = address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address ?? IPAddress.None;
        using var lease = _limiter.AttemptAcquire(client);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _window;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>The refusal of a key from an address that has sent too many refused ones: answered 429, not 401.</summary>
public sealed class TooManyFailedSignIns(TimeSpan retryAfter)
    : Exception($"Too many refused API keys from this address; try again in {Math.Ceiling(retryAfter.TotalSeconds):0} seconds.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
