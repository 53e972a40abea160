using Microsoft.Extensions.Configuration;

namespace PhotonSupport.Workers.Waiting;

/// <summary>
/// How long the desk waits on an owner for a requested backup; bound from the <c>PhotonSupport:Waiting</c> section.
/// Read once while the host is wired, because the relay that schedules the reminder and the close is built then.
/// </summary>
public sealed class WaitingOptions
{
    public const string Section = "PhotonSupport:Waiting";

    /// <summary>The owner is reminded this long after a backup request that brought no backup and no reply.</summary>
    public TimeSpan BackupReminderAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The ticket closes itself as "no response from owner" this long after the request.</summary>
    public TimeSpan CloseWithoutResponseAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The bound settings; a reminder that is not before the close, or a time that is over at once, is refused at startup, naming the setting.</summary>
    public static WaitingOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<WaitingOptions>() ?? new WaitingOptions();
        if (options.BackupReminderAfter <= TimeSpan.Zero)
            throw new InvalidOperationException(
                $"{Section}:{nameof(BackupReminderAfter)} must be a positive time span (e.g. 3.00:00:00), not {options.BackupReminderAfter}.");
        if (options.CloseWithoutResponseAfter <= options.BackupReminderAfter)
            throw new InvalidOperationException(
                $"{Section}:{nameof(CloseWithoutResponseAfter)} must be longer than {Section}:{nameof(BackupReminderAfter)} " +
                $"({options.BackupReminderAfter}), so the owner is reminded before the case closes; it is {options.CloseWithoutResponseAfter}.");
        return options;
    }
}
