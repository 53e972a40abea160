using PhotonSupport.Workers.Settings;

namespace PhotonSupport.Api.Auth;

/// <summary>
/// How many refused API keys one client address may send, to all Api nodes together, before it must wait; bound from
/// <c>PhotonSupport:Auth:FailedAttempts</c>. Every Api node should have the same values: each reads the shared count with its own.
/// </summary>
public sealed class FailedSignInOptions
{
    public const string Section = "PhotonSupport:Auth:FailedAttempts";

    /// <summary>
    /// Refused keys an address may send per <see cref="Window"/>. A bench PC or an office behind one NAT shares an address,
    /// so this is room for a few misconfigured clients, far below what guessing a key would need.
    /// </summary>
    [WholeNumber(1)]
    public int Limit { get; set; } = 20;

    [Positive("00:01:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
