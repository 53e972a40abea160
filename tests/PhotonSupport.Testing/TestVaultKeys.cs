namespace PhotonSupport.Testing;

/// <summary>The vault key test hosts run with: fixed bytes, so a failing run can be read back by hand.</summary>
public static class TestVaultKeys
{
    public const string KeyId = "test-1";

    public static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    /// <summary>Command-line settings that give a host this key, and only this key, as its active vault key.</summary>
    public static readonly string[] Settings = [$"--PhotonSupport:Vault:ActiveKey={KeyId}", $"--PhotonSupport:Vault:Keys:{KeyId}={Key}"];
}
