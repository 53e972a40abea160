using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// Two nodes on a database of their own: ready says on which of them the async projections run (one holds the daemon's
/// lock at a time), and a node with the Api role says it runs none.
/// </summary>
public class ReadinessOfSeveralNodes(ApiFixture api) : IAsyncLifetime
{
    private const string RunHere = "running; the async projections run on this node";
    private const string RunElsewhere = "running; the async projections run on another node";

    private readonly List<WebApplication> _nodes = [];
    private string _database = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await api.CreateDatabaseAsync($"photonsupport_ready_{Guid.NewGuid():N}");

    [Fact]
    public async Task Of_two_nodes_that_both_may_run_projections_one_says_they_run_on_it_the_other_stands_by_and_takes_them_when_it_stops()
    {
        WebApplication[] nodes = [await StartAsync(), await StartAsync()];

        string?[] said = [];
        await Eventually.UntilAsync("one node to hold the projections and the other to stand by", async () =>
        {
            said = [await BackgroundAsync(nodes[0]), await BackgroundAsync(nodes[1])];
            return said.Contains(RunHere) && said.Contains(RunElsewhere);
        }, () => string.Join(" / ", said));
        var leader = nodes[Array.IndexOf(said, RunHere)];
        var standby = nodes.Single(n => n != leader);

        await leader.StopAsync(Cancellation);

        string? now = null;
        await Eventually.UntilAsync("the standby node to take the projections", async () => (now = await BackgroundAsync(standby)) == RunHere, () => now ?? "");
    }

    [Fact]
    public async Task A_node_with_the_Api_role_alone_on_an_empty_database_creates_the_schema_is_ready_and_says_it_runs_no_projections()
    {
        var node = await StartAsync("--PhotonSupport:Node:Role=Api");

        var ready = await ReadyAsync(node);

        ready["status"]!.GetValue<string>().ShouldBe("healthy");
        ready["checks"]!["background"]!.GetValue<string>().ShouldBe("running; no async projections on an Api node");
    }

    private async Task<WebApplication> StartAsync(params string[] settings)
    {
        var node = await api.StartAnotherAsync(_database, settings);
        _nodes.Add(node);
        return node;
    }

    private static async Task<string?> BackgroundAsync(WebApplication node) => (await ReadyAsync(node))["checks"]?["background"]?.GetValue<string>();

    private static async Task<JsonNode> ReadyAsync(WebApplication node)
    {
        using var client = new HttpClient { BaseAddress = new Uri(node.Urls.Single()) };
        return JsonNode.Parse(await client.GetStringAsync("/health/ready", Cancellation))!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
    }
}
