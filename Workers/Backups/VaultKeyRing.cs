namespace PhotonSupport.Workers.Backups;

/// <summary>
/// Every key the vault can open images with, and the one it seals new images under. Built once from
/// <see cref="VaultOptions"/>; a setting that can't give a usable active key is refused with a message naming it.
/// </summary>
public sealed class VaultKeyRing
{
    public const int KeySize = 32;

    public const string HowToMakeOne = "Create one with: dotnet PhotonSupport.Api.dll keys new-vault-key --file /etc/photonsupport/vault-keys.json, " +
        "then set PhotonSupport__Vault__KeyFile to that file.";

    private readonly IReadOnlyDictionary<string, byte[]> _keys;

    private VaultKeyRing(string activeKeyId, IReadOnlyDictionary<string, byte[]> keys)
    {
        ActiveKeyId = activeKeyId;
        _keys = keys;
    }

    public string ActiveKeyId { get; }

    public byte[] ActiveKey => _keys[ActiveKeyId];

    public byte[]? Find(string keyId) => _keys.GetValueOrDefault(keyId);

    /// <exception cref="VaultConfigurationException">The settings give no usable active key.</exception>
    public static VaultKeyRing From(VaultOptions options)
    {
        var file = options.KeyFile is { Length: > 0 } path ? ReadFile(path) : VaultKeyFile.Empty;
        var keys = new Dictionary<string, byte[]>();
        foreach (var (id, base64) in options.Keys) keys[id] = Decode(id, base64, $"{VaultOptions.Section}:Keys:{id}");
        foreach (var (id, base64) in file.Keys) keys[id] = Decode(id, base64, $"key '{id}' of {VaultOptions.Section}:KeyFile ({options.KeyFile})");

        var active = file.ActiveKey ?? options.ActiveKey;
        if (string.IsNullOrWhiteSpace(active))
            throw new VaultConfigurationException(
                $"No vault key configured ({VaultOptions.Section}:ActiveKey / {VaultOptions.Section}:KeyFile). {HowToMakeOne}");
        if (!keys.ContainsKey(active))
            throw new VaultConfigurationException(
                $"The active vault key '{active}' ({VaultOptions.Section}:ActiveKey or the KeyFile's activeKey) is not among the keys " +
                $"({(keys.Count == 0 ? "none" : string.Join(", ", keys.Keys))}). {HowToMakeOne}");
        return new VaultKeyRing(active, keys);
    }

    private static VaultKeyFile ReadFile(string path)
    {
        try
        {
            return VaultKeyFile.Read(path);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw new VaultConfigurationException(
                $"{VaultOptions.Section}:KeyFile '{path}' can't be read as a vault key file: {unreadable.Message} {HowToMakeOne}", unreadable);
        }
    }

    private static byte[] Decode(string id, string base64, string setting)
    {
        var key = new byte[KeySize];
        if (string.IsNullOrWhiteSpace(id) || !Convert.TryFromBase64String(base64, key, out var length) || length != KeySize)
            throw new VaultConfigurationException($"The vault key {setting} must be {KeySize} bytes in base64 under a non-blank id.");
        return key;
    }
}

/// <summary>The vault's settings give no usable key; the message names the setting and how to mend it.</summary>
public sealed class VaultConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
