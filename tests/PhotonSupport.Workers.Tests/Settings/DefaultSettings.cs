using PhotonSupport.Workers.Backups;
using PhotonSupport.Workers.Jobs;
using PhotonSupport.Workers.Mail;
using PhotonSupport.Workers.Mail.Inbound;
using PhotonSupport.Workers.Mail.Outbound;
using PhotonSupport.Workers.Settings;
using PhotonSupport.Workers.Uploads;
using PhotonSupport.Workers.Waiting;

namespace PhotonSupport.Workers.Tests.Settings;

/// <summary>A host nobody configured starts: every option class's defaults pass its own check.</summary>
public class DefaultSettings
{
    public static TheoryData<string, object> Defaults => new()
    {
        { JobOptions.Section, new JobOptions() },
        { InboundMailOptions.Section, new InboundMailOptions() },
        { InboundMailOptions.ImapSection, new MailServerSettings() },
        { OutboundMailOptions.Section, new OutboundMailOptions() },
        { RetentionOptions.Section, new RetentionOptions() },
        { WaitingOptions.Section, new WaitingOptions() },
        { UploadLinkOptions.Section, new UploadLinkOptions() },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Unset_settings_are_accepted(string section, object defaults) =>
        SettingsCheck.Failures(defaults, section).ShouldBeEmpty();

    [Fact]
    public void A_nested_server_setting_is_named_under_its_section() =>
        SettingsCheck.Failures(new OutboundMailOptions { Smtp = new MailServerSettings { Host = "smtp.example.com", Port = 70000 } }, OutboundMailOptions.Section)
            .ShouldBe(["PhotonSupport:Mail:Smtp:Port must be a whole number from 0 to 65535, not 70000."]);
}
