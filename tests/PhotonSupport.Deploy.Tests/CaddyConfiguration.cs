namespace PhotonSupport.Deploy.Tests;

/// <summary>deploy/compose/Caddyfile as the real caddy reads it (Debian's 2.6.2, as deploy/local/deploy-tools.sh installs).</summary>
public sealed class CaddyConfiguration
{
    [Fact]
    public async Task Caddy_validates_the_compose_Caddyfile_with_a_certificate_at_the_paths_it_names()
    {
        if (!Caddy.IsInstalled) Assert.Skip("caddy is not installed: deploy/local/deploy-tools.sh ensure-installed");
        await using var caddy = new Caddy();

        var validate = await caddy.RunAsync("validate", "--config", caddy.WithCertificatesHere(), "--adapter", "caddyfile");

        validate.Exit.ShouldBe(0, validate.ToString());
        validate.Stdout.ShouldBe("Valid configuration\n");
    }

    [Fact]
    public async Task The_compose_Caddyfile_is_as_caddy_fmt_writes_it()
    {
        if (!Caddy.IsInstalled) Assert.Skip("caddy is not installed: deploy/local/deploy-tools.sh ensure-installed");
        await using var caddy = new Caddy();

        var fmt = await caddy.RunAsync("fmt", DeployFiles.PathOf("compose/Caddyfile"));

        fmt.Exit.ShouldBe(0, fmt.ToString());
        fmt.Stdout.ShouldBe(Caddy.ShippedText);
    }
}
