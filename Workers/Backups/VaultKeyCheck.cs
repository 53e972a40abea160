using Microsoft.Extensions.Options;

namespace PhotonSupport.Workers.Backups;

/// <summary>
/// Run when a host starts (ValidateOnStart): a host that would take backups it can't seal refuses to start at all.
/// A host that is built and never started, as the <c>keys</c> command's, manages keys without one.
/// </summary>
public sealed class VaultKeyCheck : IValidateOptions<VaultOptions>
{
    public ValidateOptionsResult Validate(string? name, VaultOptions options)
    {
        try
        {
            VaultKeyRing.From(options);
            return ValidateOptionsResult.Success;
        }
        catch (VaultConfigurationException unusable)
        {
            return ValidateOptionsResult.Fail(unusable.Message);
        }
    }
}
