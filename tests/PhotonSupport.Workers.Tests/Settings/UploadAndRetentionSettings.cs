using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PhotonSupport.Workers.Backups;
using PhotonSupport.Workers.Uploads;

namespace PhotonSupport.Workers.Tests.Settings;

/// <summary>The upload-link and retention settings: their defaults, and the values a host refuses to start with.</summary>
public class UploadAndRetentionSettings
{
    internal static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Unset_a_link_lasts_14_days_and_points_where_run_sh_serves_the_Api()
    {
        var options = UploadLinkOptions.From(Settings());

        options.LinkLifetime.ShouldBe(TimeSpan.FromDays(14));
        options.UrlFor("tok").ShouldBe("http://127.0.0.1:5080/api/uploads/tok");
    }

    [Fact]
    public void A_public_address_behind_a_proxy_keeps_its_path()
    {
        var options = UploadLinkOptions.From(Settings(("PhotonSupport:PublicUrl", "https://support.example.com/photon/"),
            ("PhotonSupport:Uploads:LinkLifetime", "2.00:00:00")));

        options.UrlFor("tok").ShouldBe("https://support.example.com/photon/api/uploads/tok");
        options.LinkLifetime.ShouldBe(TimeSpan.FromDays(2));
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("ftp://support.example.com")]
    [InlineData("https://support.example.com/?a=1")]
    public void A_public_address_an_owners_curl_cannot_use_is_refused_naming_the_setting(string url) =>
        Should.Throw<OptionsValidationException>(() => UploadLinkOptions.From(Settings(("PhotonSupport:PublicUrl", url))))
            .Message.ShouldContain("PhotonSupport:PublicUrl");

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-1.00:00:00")]
    public void A_link_lifetime_or_retention_that_is_over_at_once_is_refused_naming_the_setting(string span)
    {
        Should.Throw<OptionsValidationException>(() => UploadLinkOptions.From(Settings(("PhotonSupport:Uploads:LinkLifetime", span))))
            .Message.ShouldContain("PhotonSupport:Uploads:LinkLifetime");
        Should.Throw<OptionsValidationException>(() => RetentionOptions.From(Settings(("PhotonSupport:Retention:BackupsAfterResolved", span))))
            .Message.ShouldContain("PhotonSupport:Retention:BackupsAfterResolved");
    }

    [Fact]
    public void Unset_images_are_kept_30_days_after_resolution() =>
        RetentionOptions.From(Settings()).BackupsAfterResolved.ShouldBe(TimeSpan.FromDays(30));
}
