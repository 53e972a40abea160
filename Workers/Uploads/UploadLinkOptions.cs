using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using PhotonSupport.Workers.Settings;

namespace PhotonSupport.Workers.Uploads;

/// <summary>
/// How long an owner's upload link lasts (<c>PhotonSupport:Uploads:LinkLifetime</c>) and the Api's address as owners
/// reach it (<c>PhotonSupport:PublicUrl</c>), which the mail puts in front of the link's path.
/// </summary>
public sealed class UploadLinkOptions : IValidatableObject
{
    public const string Section = "PhotonSupport:Uploads";
    public const string PublicUrlKey = "PhotonSupport:PublicUrl";

    [Positive("14.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>What ./run.sh serves (the Api's default URL); a deployment behind a proxy sets its public name.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The address the mail gives: the public URL (a path in it kept) and the link's route.</summary>
    public string UrlFor(string token) => $"{PublicUrl.TrimEnd('/')}{UploadLink.RoutePrefix}/{token}";

    /// <summary>The bound settings; a lifetime that is over at once, or an address an owner's curl can't use, is refused, naming the setting.</summary>
    public static UploadLinkOptions From(IConfiguration configuration) =>
        SettingsCheck.Read<UploadLinkOptions>(configuration, Section, o => o.PublicUrl = configuration[PublicUrlKey] ?? o.PublicUrl);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Query != "" || url.Fragment != "")
            yield return new ValidationResult(
                $"must be an absolute http or https address without query, such as https://support.example.com, not '{PublicUrl}'.", [PublicUrlKey]);
    }
}
