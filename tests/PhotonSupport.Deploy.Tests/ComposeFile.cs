using System.Text.RegularExpressions;
using static PhotonSupport.Deploy.Tests.Yaml;

namespace PhotonSupport.Deploy.Tests;

public sealed partial class ComposeFile
{
    private const string File = "compose/compose.yaml";
    private static readonly YamlDotNet.RepresentationModel.YamlNode Compose = DeployFiles.Documents(File).Single();
    private static IReadOnlyDictionary<string, YamlDotNet.RepresentationModel.YamlNode> Services => Entries(At(Compose, "services")!);

    /// <summary>Services built from this repository: the ones whose environment is ours to document.</summary>
    private static IEnumerable<KeyValuePair<string, YamlDotNet.RepresentationModel.YamlNode>> OurServices =>
        Services.Where(s => At(s.Value, "build") is not null);

    [Fact]
    public void Every_yaml_file_under_deploy_parses()
    {
        DeployFiles.YamlFiles.ShouldContain("compose/compose.yaml");
        DeployFiles.YamlFiles.ShouldContain("kubernetes/api.yaml");
        foreach (var file in DeployFiles.YamlFiles) DeployFiles.Documents(file).ShouldNotBeEmpty(file);
    }

    [Fact]
    public void It_runs_postgres_the_migrations_two_apis_workers_mail_and_a_tls_proxy()
    {
        Services.Keys.Order().ShouldBe(["api-1", "api-2", "mail", "migrations", "postgres", "proxy", "workers"]);
        Text(Services["api-1"], "build", "target").ShouldBe("api");
        Text(Services["api-2"], "build", "target").ShouldBe("api");
        Text(Services["workers"], "build", "target").ShouldBe("workers");
        Text(Services["migrations"], "build", "target").ShouldBe("migrations");
        Items(Services["proxy"], "ports").Select(p => ((YamlDotNet.RepresentationModel.YamlScalarNode)p).Value).Single().ShouldEndWith(":443");
    }

    [Fact]
    public void Every_service_has_an_image_or_a_build()
    {
        foreach (var (name, service) in Services)
            (At(service, "image") ?? At(service, "build")).ShouldNotBeNull($"service {name} names neither an image nor a build");
    }

    [Fact]
    public void The_nodes_start_only_after_the_migrations_succeeded()
    {
        foreach (var node in new[] { "api-1", "api-2", "workers" })
            Text(Services[node], "depends_on", "migrations", "condition").ShouldBe("service_completed_successfully", node);
        Text(Services["migrations"], "depends_on", "postgres", "condition").ShouldBe("service_healthy");
    }

    [Fact]
    public void The_api_nodes_believe_forwarded_headers_from_the_proxy_alone_at_its_fixed_address_in_the_networks_subnet()
    {
        var proxy = Text(Services["proxy"], "networks", "default", "ipv4_address");
        var subnet = Text(Items(Compose, "networks", "default", "ipam", "config").Single(), "subnet");

        proxy.ShouldNotBeNull("the proxy has no fixed address on the compose network");
        subnet.ShouldNotBeNull("the compose network has no fixed subnet");
        System.Net.IPNetwork.Parse(subnet).Contains(System.Net.IPAddress.Parse(proxy)).ShouldBeTrue($"{proxy} is not in {subnet}");
        foreach (var api in new[] { "api-1", "api-2" })
            Text(Services[api], "environment", "PhotonSupport__ForwardedHeaders__KnownProxies").ShouldBe(proxy, api);
    }

    [Fact]
    public void Every_variable_our_services_read_is_in_the_readme_configuration_table()
    {
        var used = OurServices.SelectMany(s => EnvironmentNames(At(s.Value, "environment"))).ToHashSet();

        used.ShouldContain("PHOTONSUPPORT_DB");
        used.Where(v => !DeployFiles.DocumentedVariables.Contains(v)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_variable_the_file_takes_from_its_environment_is_in_the_readme_configuration_table()
    {
        var taken = Interpolation().Matches(System.IO.File.ReadAllText(DeployFiles.PathOf(File))).Select(m => m.Groups["name"].Value).ToHashSet();

        taken.ShouldContain("PHOTONSUPPORT_DB_PASSWORD");
        taken.Where(v => !DeployFiles.DocumentedVariables.Contains(v)).ShouldBeEmpty();
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Interpolation();
}
