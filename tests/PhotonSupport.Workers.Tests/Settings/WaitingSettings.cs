using Microsoft.Extensions.Options;
using PhotonSupport.Workers.Waiting;

namespace PhotonSupport.Workers.Tests.Settings;

/// <summary>How long the desk waits on an owner for a backup: the defaults, and the values a host refuses to start with.</summary>
public class WaitingSettings
{
    [Fact]
    public void Unset_the_owner_is_reminded_after_3_days_and_the_case_closes_after_14()
    {
        var options = WaitingOptions.From(UploadAndRetentionSettings.Settings());

        options.BackupReminderAfter.ShouldBe(TimeSpan.FromDays(3));
        options.CloseWithoutResponseAfter.ShouldBe(TimeSpan.FromDays(14));
    }

    [Fact]
    public void A_close_after_the_reminder_is_accepted()
    {
        var options = WaitingOptions.From(UploadAndRetentionSettings.Settings(("PhotonSupport:Waiting:BackupReminderAfter", "00:00:02"),
            ("PhotonSupport:Waiting:CloseWithoutResponseAfter", "00:00:04")));

        options.BackupReminderAfter.ShouldBe(TimeSpan.FromSeconds(2));
        options.CloseWithoutResponseAfter.ShouldBe(TimeSpan.FromSeconds(4));
    }

    [Theory]
    [InlineData("3.00:00:00")]
    [InlineData("2.00:00:00")]
    public void A_close_that_is_not_after_the_reminder_is_refused_naming_the_setting(string closeAfter) =>
        Should.Throw<OptionsValidationException>(() => WaitingOptions.From(UploadAndRetentionSettings.Settings(("PhotonSupport:Waiting:CloseWithoutResponseAfter", closeAfter))))
            .Message.ShouldContain("PhotonSupport:Waiting:CloseWithoutResponseAfter");

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-1.00:00:00")]
    public void A_reminder_time_that_is_over_at_once_is_refused_naming_the_setting(string reminderAfter) =>
        Should.Throw<OptionsValidationException>(() => WaitingOptions.From(UploadAndRetentionSettings.Settings(("PhotonSupport:Waiting:BackupReminderAfter", reminderAfter))))
            .Message.ShouldContain("PhotonSupport:Waiting:BackupReminderAfter");
}
