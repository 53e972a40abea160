using Microsoft.Extensions.Configuration;

namespace PhotonSupport.Workers.Uploads;

/// <summary>
/// How long an owner's upload link lasts (<c>PhotonSupport:Uploads:LinkLifetime</c>) and the Api's address as owners
/// reach it (<c>PhotonSupport:PublicUrl</c>), which the mail puts in front of the link's path.
/// </summary>
public sealed class UploadLinkOptions
{
    public const string Section = "PhotonSupport:Uploads";
    public const string PublicUrlKey = "PhotonSupport:PublicUrl";

    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>What ./run.sh serves (the Api's default URL); a deployment behind a proxy sets its public name.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The address the mail gives: the public URL (a path in it kept) and the link's route.</summary>
    public string UrlFor(string token) => $"{PublicUrl.TrimEnd('/')}{UploadLink.RoutePrefix}/{token}";

    /// <summary>The bound settings; a lifetime that is over at once, or an address an owner's curl can't use, is refused at startup.</summary>
    public static UploadLinkOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<UploadLinkOptions>() ?? new UploadLinkOptions();
        options.PublicUrl = configuration[PublicUrlKey] ?? options.PublicUrl;
        if (options.LinkLifetime <= TimeSpan.Zero)
            throw new InvalidOperationException($"{Section}:{nameof(LinkLifetime)} must be a positive time span (e.g. 14.00:00:00), not {options.LinkLifetime}.");
        if (!Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Query != "" || url.Fragment != "")
            throw new InvalidOperationException($"{PublicUrlKey} must be an absolute http or https address without query, such as https://support.example.com, not '{options.PublicUrl}'.");
        return options;
    }
}
