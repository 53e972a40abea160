namespace PhotonSupport.Workers.Auth;

/// <summary>
/// A caller's credential as stored: the secret itself is never kept, only its SHA-256, so a copy of
/// the database lets nobody call the Api. Revoked keys stay, so the record of who held what remains.
/// </summary>
public sealed record ApiKey(string Id, string Name, string Role, byte[] SecretSha256, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
