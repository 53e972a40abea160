using System.Collections.Concurrent;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Marten;

namespace PhotonSupport.Workers.Auth;

/// <summary>
/// Issues, lists, revokes and verifies API keys. A token is <c>ps_&lt;keyId&gt;_&lt;secret&gt;</c>: the id finds
/// the key with one primary-key lookup, the secret (32 random bytes, base64url) proves the caller holds it.
/// A key that verified is trusted for <see cref="TrustFor"/> without asking the database again: a revocation
/// made through this node holds from the next request on, one made elsewhere (another node, the <c>keys</c>
/// command on another host) within that time.
/// </summary>
public sealed class ApiKeys(IDocumentStore store, TimeProvider clock)
{
    public const string TokenPrefix = "ps_";

    /// <summary>
    /// How long a verified key is trusted before it is read again. Short, because it bounds how late a revocation
    /// made elsewhere takes effect; long enough that a busy client is looked up a few times a minute, not on every request.
    /// </summary>
    public static readonly TimeSpan TrustFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Verified> _verified = new();

    private sealed record Verified(ApiKey Key, DateTimeOffset Until);

    // Hex, so the id never holds the '_' that separates it from the secret.
    private const int KeyIdLength = 12;
    private const int SecretBytes = 32;

    /// <summary>Creates a key; the token is returned here only, and cannot be recovered later.</summary>
    public async Task<(ApiKey Key, string Token)> CreateAsync(string name, string role, CancellationToken cancellation = default)
    {
        if (!Roles.All.Contains(role)) throw new ArgumentException($"Unknown role '{role}'; the roles are {string.Join(", ", Roles.All)}.", nameof(role));

        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var key = new ApiKey(RandomNumberGenerator.GetHexString(KeyIdLength, lowercase: true), name, role, Hash(secret), clock.GetUtcNow(), RevokedAt: null);

        await using var session = store.LightweightSession();
        session.Insert(key);
        await session.SaveChangesAsync(cancellation);
        return (key, $"{TokenPrefix}{key.Id}_{secret}");
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellation = default)
    {
        await using var session = store.QuerySession();
        return await session.Query<ApiKey>().OrderBy(k => k.CreatedAt).ToListAsync(cancellation);
    }

    /// <summary>
    /// Revokes the active key with this id, or every active key with this name (a name may be reused while a
    /// key is rotated). Returns the keys revoked now; none when nothing active matched.
    /// </summary>
    public async Task<IReadOnlyList<ApiKey>> RevokeAsync(string idOrName, CancellationToken cancellation = default)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var active = await session.Query<ApiKey>()
            .Where(k => (k.Id == idOrName || k.Name == idOrName) && k.RevokedAt == null)
            .ToListAsync(cancellation);
        var revoked = active.Select(k => k with { RevokedAt = now }).ToArray();
        session.Store(revoked);
        await session.SaveChangesAsync(cancellation);
        foreach (var key in revoked) _verified.TryRemove(key.Id, out _);
        return revoked;
    }

    /// <summary>The key a token belongs to, or null when the token is malformed, unknown, wrong or revoked.</summary>
    public async Task<ApiKey?> VerifyAsync(string token, CancellationToken cancellation = default)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal)) return null;
        var separator = token.IndexOf('_', TokenPrefix.Length);
        if (separator != TokenPrefix.Length + KeyIdLength) return null;

        var id = token[TokenPrefix.Length..separator];
        var secret = Hash(token[(separator + 1)..]);
        var now = clock.GetUtcNow();
        if (_verified.TryGetValue(id, out var trusted) && trusted.Until > now)
            return Matches(trusted.Key, secret) ? trusted.Key : null;

        await using var session = store.QuerySession();
        var key = await session.LoadAsync<ApiKey>(id, cancellation);
        if (key is null || key.RevokedAt is not null || !Matches(key, secret))
        {
            _verified.TryRemove(id, out _);
            return null;
        }
        _verified[id] = new Verified(key, now + TrustFor);
        return key;
    }

    // Constant time, so how long a wrong secret takes to fail says nothing about how close it was.
    private static bool Matches(ApiKey key, byte[] secretSha256) => CryptographicOperations.FixedTimeEquals(secretSha256, key.SecretSha256);

    /// <summary>The hash of the secret as the token spells it: nothing to decode, so a mangled secret simply does not match.</summary>
    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
