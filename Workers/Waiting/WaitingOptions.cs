using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using PhotonSupport.Workers.Settings;

namespace PhotonSupport.Workers.Waiting;

/// <summary>
/// How long the desk waits on an owner for a requested backup; bound from the <c>PhotonSupport:Waiting</c> section.
/// Read once while the host is wired, because the relay that schedules the reminder and the close is built then.
/// </summary>
public sealed class WaitingOptions : IValidatableObject
{
    public const string Section = "PhotonSupport:Waiting";

    /// <summary>The owner is reminded this long after a backup request that brought no backup and no reply.</summary>
    [Positive("3.00:00:00")]
    public TimeSpan BackupReminderAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The ticket closes itself as "no response from owner" this long after the request.</summary>
    public TimeSpan CloseWithoutResponseAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The bound settings; a reminder that is not before the close, or a time that is over at once, is refused, naming the setting.</summary>
    public static WaitingOptions From(IConfiguration configuration) => SettingsCheck.Read<WaitingOptions>(configuration, Section);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (CloseWithoutResponseAfter <= BackupReminderAfter)
            yield return new ValidationResult(
                $"must be longer than {Section}:{nameof(BackupReminderAfter)} ({BackupReminderAfter}), so the owner is reminded " +
                $"before the case closes; it is {CloseWithoutResponseAfter}.", [nameof(CloseWithoutResponseAfter)]);
    }
}
