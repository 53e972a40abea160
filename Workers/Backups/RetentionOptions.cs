using Microsoft.Extensions.Configuration;
using PhotonSupport.Workers.Settings;

namespace PhotonSupport.Workers.Backups;

/// <summary>
/// How long a resolved ticket's images stay in the vault; bound from the <c>PhotonSupport:Retention</c> section.
/// Read once while the host is wired, because the relay that schedules each purge is built then.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "PhotonSupport:Retention";

    /// <summary>The images of a ticket leave the vault this long after it was resolved, unless it is reopened meanwhile.</summary>
    [Positive("30.00:00:00")]
    public TimeSpan BackupsAfterResolved { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The bound settings; a value that would purge at once is refused, naming the setting.</summary>
    public static RetentionOptions From(IConfiguration configuration) => SettingsCheck.Read<RetentionOptions>(configuration, Section);
}
