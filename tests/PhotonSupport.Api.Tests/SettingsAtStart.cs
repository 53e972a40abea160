namespace PhotonSupport.Api.Tests;

/// <summary>A bad setting stops the Api before it serves anything, and the refusal names the setting as an operator writes it.</summary>
public class SettingsAtStart(ApiFixture api)
{
    [Theory]
    [InlineData("PhotonSupport:Jobs:Lease", "00:00:00")]
    [InlineData("PhotonSupport:Jobs:Lease", "soon")]
    [InlineData("PhotonSupport:Jobs:MaxAttempts", "0")]
    [InlineData("PhotonSupport:Jobs:MaxLongPoll", "-00:00:01")]
    [InlineData("PhotonSupport:Jobs:RecheckInterval", "00:00:00")]
    [InlineData("PhotonSupport:Vault:ActiveKey", "a-key-nobody-made")]
    [InlineData("PhotonSupport:Mail:From", "support desk")]
    [InlineData("PhotonSupport:Mail:ReplyTo", "nobody")]
    [InlineData("PhotonSupport:Mail:PickupFolder", " ")]
    [InlineData("PhotonSupport:Mail:Smtp:Port", "70000")]
    [InlineData("PhotonSupport:Mail:Imap:Port", "-1")]
    [InlineData("PhotonSupport:Mail:Inbound:Mailbox", " ")]
    [InlineData("PhotonSupport:Mail:Inbound:PollInterval", "00:00:00")]
    [InlineData("PhotonSupport:Mail:Inbound:IdleRestart", "00:45:00")]
    [InlineData("PhotonSupport:Mail:Inbound:MaxMessageBytes", "0")]
    [InlineData("PhotonSupport:Mail:Inbound:MaxAttempts", "0")]
    [InlineData("PhotonSupport:Retention:BackupsAfterResolved", "00:00:00")]
    [InlineData("PhotonSupport:Waiting:BackupReminderAfter", "-1.00:00:00")]
    [InlineData("PhotonSupport:Waiting:CloseWithoutResponseAfter", "1.00:00:00")]
    [InlineData("PhotonSupport:Uploads:LinkLifetime", "00:00:00")]
    [InlineData("PhotonSupport:PublicUrl", "ftp://support.example.com")]
    [InlineData("PhotonSupport:Auth:FailedAttempts:Limit", "0")]
    [InlineData("PhotonSupport:Auth:FailedAttempts:Window", "00:00:00")]
    public async Task A_bad_value_stops_the_host_naming_the_setting(string setting, string value)
    {
        var refusal = await RefusalAsync($"--{setting}={value}");

        refusal.ShouldContain(setting);
    }

    [Fact]
    public async Task Good_values_start_the_host()
    {
        await using var app = api.BuildAnother(api.ConnectionString, "--PhotonSupport:Jobs:Lease=00:00:30", "--PhotonSupport:Mail:Smtp:Port=0",
            "--PhotonSupport:Mail:Inbound:IdleRestart=00:29:00", "--PhotonSupport:Auth:FailedAttempts:Limit=1");

        await app.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>What the host said when it refused to build or start: every message down the chain, as the log would show them.</summary>
    private async Task<string> RefusalAsync(string setting)
    {
        try
        {
            await using var app = api.BuildAnother(api.ConnectionString, setting);
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch (Exception refused)
        {
            var messages = new List<string>();
            for (Exception? e = refused; e is not null; e = e.InnerException) messages.Add(e.Message);
            return string.Join(" / ", messages);
        }
        throw new ShouldAssertException($"The Api started with {setting}.");
    }
}
