namespace PhotonSupport.Workers.Backups;

/// <summary>
/// The keys that seal backup images. <see cref="KeyFile"/> is how operators and ./run.sh provide them
/// (written by <c>keys new-vault-key</c>); inline <see cref="Keys"/> suit tests. The file wins where both name a key.
/// </summary>
public sealed class VaultOptions
{
    public const string Section = "PhotonSupport:Vault";

    /// <summary>The id of the key new images are sealed under.</summary>
    public string? ActiveKey { get; set; }

    /// <summary>Key id → 32 bytes in base64.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>A JSON file <c>{ "activeKey": "...", "keys": { "id": "base64" } }</c>.</summary>
    public string? KeyFile { get; set; }
}
