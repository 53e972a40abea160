using PhotonSupport.Testing;
using YamlDotNet.RepresentationModel;
using static PhotonSupport.Deploy.Tests.Yaml;

namespace PhotonSupport.Deploy.Tests;

public sealed class KubernetesManifests
{
    private static readonly IReadOnlyList<YamlMappingNode> Objects = DeployFiles.YamlFiles
        .Where(f => f.StartsWith("kubernetes/", StringComparison.Ordinal))
        .SelectMany(DeployFiles.Documents)
        .ToArray();

    private static IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => Text(o, "kind") == kind);

    private static string Name(YamlNode o) => Text(o, "metadata", "name")!;

    /// <summary>The containers of every workload: Deployments and the migrations Job.</summary>
    private static IEnumerable<YamlNode> Containers => OfKind("Deployment").Concat(OfKind("Job")).SelectMany(w => Items(w, "spec", "template", "spec", "containers"));

    [Fact]
    public void Every_object_says_its_api_version_kind_and_name()
    {
        foreach (var o in Objects.Where(o => Text(o, "kind") != "Kustomization"))
        {
            Text(o, "apiVersion").ShouldNotBeNullOrEmpty();
            Name(o).ShouldNotBeNullOrEmpty(Text(o, "kind"));
        }
    }

    [Fact]
    public void There_are_deployments_for_the_api_and_the_workers_a_service_a_config_map_a_secret_and_the_migrations_job()
    {
        OfKind("Deployment").Select(Name).Order().ShouldBe(["photonsupport-api", "photonsupport-workers"]);
        OfKind("Service").Select(Name).ShouldBe(["photonsupport-api"]);
        OfKind("ConfigMap").Select(Name).ShouldBe(["photonsupport-config"]);
        OfKind("Secret").Select(Name).ShouldContain("photonsupport-secrets");
        Items(OfKind("Job").Single(), "spec", "template", "spec", "containers").Single()
            .ShouldSatisfyAllConditions(c => Text(c, "image").ShouldStartWith("photonsupport-migrations"));
    }

    [Fact]
    public void Every_deployment_probes_liveness_and_readiness_on_the_health_endpoints()
    {
        foreach (var deployment in OfKind("Deployment"))
        foreach (var container in Items(deployment, "spec", "template", "spec", "containers"))
        {
            Text(container, "livenessProbe", "httpGet", "path").ShouldBe("/health/live", Name(deployment));
            Text(container, "readinessProbe", "httpGet", "path").ShouldBe("/health/ready", Name(deployment));
        }
    }

    [Fact]
    public void Every_container_has_an_image_and_runs_as_a_non_root_user()
    {
        foreach (var workload in OfKind("Deployment").Concat(OfKind("Job")))
        {
            Text(workload, "spec", "template", "spec", "securityContext", "runAsNonRoot").ShouldBe("true", Name(workload));
            foreach (var container in Items(workload, "spec", "template", "spec", "containers"))
                Text(container, "image").ShouldNotBeNullOrEmpty(Name(workload));
        }
    }

    [Fact]
    public void Every_variable_the_containers_get_is_in_the_readme_configuration_table()
    {
        var fromContainers = Containers.SelectMany(c => EnvironmentNames(At(c, "env")));
        var fromConfigMaps = OfKind("ConfigMap").SelectMany(c => Entries(At(c, "data")!).Keys);
        // The Secrets the containers take their environment from (envFrom), not those mounted as files.
        var secretsAsEnvironment = Containers.SelectMany(c => Items(c, "envFrom")).Select(e => Text(e, "secretRef", "name")).OfType<string>().ToHashSet();
        var fromSecrets = OfKind("Secret").Where(s => secretsAsEnvironment.Contains(Name(s))).SelectMany(s => Entries(At(s, "stringData")!).Keys);
        var used = fromContainers.Concat(fromConfigMaps).Concat(fromSecrets).ToHashSet();

        used.ShouldContain("ConnectionStrings__PhotonSupport");
        used.Where(v => !DeployFiles.DocumentedVariables.Contains(v)).ShouldBeEmpty();
    }

    /// <summary>
    /// kubectl's own kustomize builds what <c>kubectl apply -k</c> would send. Nothing more runs without a cluster here:
    /// <c>kubectl apply --dry-run=client</c> and <c>kubectl create --dry-run=client</c>, even with <c>--validate=false</c>,
    /// ask the API server for its resource types first and fail without one.
    /// </summary>
    [Fact]
    public async Task Kubectl_kustomize_builds_every_object_into_the_photonsupport_namespace()
    {
        const string kubectl = "/usr/bin/kubectl";
        if (!File.Exists(kubectl)) Assert.Skip("kubectl is not installed: deploy/local/deploy-tools.sh ensure-installed");

        var build = await Command.RunAsync(kubectl, ["kustomize", DeployFiles.PathOf("kubernetes")], environment: null, TimeSpan.FromMinutes(1));

        build.Exit.ShouldBe(0, build.ToString());
        var stream = new YamlStream();
        stream.Load(new StringReader(build.Stdout));
        var built = stream.Documents.Select(d => d.RootNode).ToArray();
        built.Select(o => $"{Text(o, "kind")}/{Name(o)}").Order().ShouldBe([
            "ConfigMap/photonsupport-config", "Deployment/photonsupport-api", "Deployment/photonsupport-workers", "Job/photonsupport-migrations",
            "Namespace/photonsupport", "Secret/photonsupport-secrets", "Secret/photonsupport-vault-keys", "Service/photonsupport-api",
        ]);
        built.Where(o => Text(o, "kind") != "Namespace").ShouldAllBe(o => Text(o, "metadata", "namespace") == "photonsupport");
    }
}
