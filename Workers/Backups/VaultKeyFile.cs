using System.Text.Json;
using PhotonSupport.Workers.Hosting;

namespace PhotonSupport.Workers.Backups;

/// <summary>The key file's content: <c>{ "activeKey": "...", "keys": { "id": "base64" } }</c>.</summary>
public sealed record VaultKeyFile(string? ActiveKey, Dictionary<string, string> Keys)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static VaultKeyFile Empty => new(null, []);

    public static VaultKeyFile Read(string path)
    {
        var file = JsonSerializer.Deserialize<VaultKeyFile>(File.ReadAllBytes(path), Json)
            ?? throw new JsonException("the file holds null");
        return file with { Keys = file.Keys ?? [] };
    }

    /// <summary>
    /// Written aside with mode 0600 and renamed over <paramref name="path"/>: a reader sees the old keys or the
    /// new ones, never half a file, and the keys are never readable by anyone but the owner.
    /// </summary>
    public void Write(string path)
    {
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        using (var stream = new FileStream(partial, OwnerOnlyFiles.CreateNew()))
            JsonSerializer.Serialize(stream, this, Json);
        File.Move(partial, path, overwrite: true);
    }
}
