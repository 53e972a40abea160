using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PhotonSupport.Workers.Backups;

namespace PhotonSupport.Api.Cli;

/// <summary><c>keys new-vault-key</c> and <c>keys rotate-vault</c>: the keys that seal backup images, never printed.</summary>
public static class VaultKeysCommand
{
    /// <summary>
    /// Adds a key to the file and makes it the active one; the older keys stay, since images sealed under them
    /// are read with them until <c>rotate-vault</c> has moved them on. Needs no database and no configured key.
    /// </summary>
    public static int NewKey(NewVaultKey request, TimeProvider clock, TextWriter output)
    {
        var path = Path.GetFullPath(request.File);
        var file = File.Exists(path) ? VaultKeyFile.Read(path) : VaultKeyFile.Empty;
        string id;
        do id = $"k-{clock.GetUtcNow():yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";
        while (file.Keys.ContainsKey(id));

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        (file with { ActiveKey = id, Keys = new(file.Keys) { [id] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(VaultKeyRing.KeySize)) } })
            .Write(path);
        output.WriteLine($"added vault key {id} to {path} (mode 0600) and made it the active one; " +
            $"restart the Api to seal new images under it, then run 'keys rotate-vault' to move the older images onto it");
        output.WriteLine(id);
        return KeysCommand.Succeeded;
    }

    public static async Task<int> RotateAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        // Resolved only here: the vault needs its keys, which managing API keys does not.
        BackupVault vault;
        try
        {
            vault = services.GetRequiredService<BackupVault>();
        }
        catch (OptionsValidationException unusable)
        {
            error.WriteLine($"keys: {unusable.Message}");
            return KeysCommand.Failed;
        }
        var keyId = vault.ActiveKeyId;
        output.WriteLine($"re-encrypting every backup image not under key {keyId} ...");
        var rotation = await vault.RotateAsync(cancellation);
        output.WriteLine($"re-encrypted {rotation.Reencrypted} image(s) under key {keyId}; {rotation.AlreadyCurrent} already current");
        return KeysCommand.Succeeded;
    }
}
