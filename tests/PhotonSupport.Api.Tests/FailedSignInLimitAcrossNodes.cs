using System.Net;
using Microsoft.AspNetCore.Builder;
using Npgsql;
using PhotonSupport.Workers.Auth;
using static System.Net.HttpStatusCode;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// Issue 19: several Api nodes behind one proxy share one database, and the limit on refused API keys holds for the
/// cluster, not per node, and survives a node's restart. Each test runs its nodes on a database of its own.
/// </summary>
public sealed class FailedSignInLimitAcrossNodes(ApiFixture api)
{
    private const int Limit = 3;
    private const string LongWindow = "00:10:00";
    // Long enough for the four requests that must fall inside one window on a loaded machine, short enough to wait out.
    private const string ShortWindow = "00:00:20";
    private static readonly IPAddress Client = IPAddress.Loopback;
    private static readonly IPAddress OtherClient = IPAddress.Parse("127.0.0.2");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refused_keys_alternated_between_two_nodes_lock_the_address_out_on_both_after_the_third_while_another_address_gets_in()
    {
        var database = await DatabaseAsync();
        await using var a = await NodeAsync(database, LongWindow);
        await using var b = await NodeAsync(database, LongWindow);
        using var onA = From(a, Client);
        using var onB = From(b, Client);

        (await StatusAsync(onA)).ShouldBe(Unauthorized);
        (await StatusAsync(onB)).ShouldBe(Unauthorized);
        (await StatusAsync(onA)).ShouldBe(Unauthorized);

        // B has not refused this address since its second failure; the shared count tells it of the lockout.
        (await StatusAsync(onB)).ShouldBe(TooManyRequests);
        (await StatusAsync(onA)).ShouldBe(TooManyRequests);
        using var otherOnA = From(a, OtherClient);
        using var otherOnB = From(b, OtherClient);
        (await StatusAsync(otherOnA)).ShouldBe(Unauthorized);
        (await StatusAsync(otherOnB)).ShouldBe(Unauthorized);
    }

    [Fact]
    public async Task A_node_started_after_an_address_was_locked_out_refuses_it_with_429_on_its_first_failure()
    {
        var database = await DatabaseAsync();
        await using (var first = await NodeAsync(database, LongWindow))
        {
            using var client = From(first, Client);
            for (var i = 0; i < Limit; i++) (await StatusAsync(client)).ShouldBe(Unauthorized);
        }

        await using var restarted = await NodeAsync(database, LongWindow);
        using var again = From(restarted, Client);

        var refused = await again.GetAsync("/api/me", Cancellation);
        refused.StatusCode.ShouldBe(TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        refused.Headers.RetryAfter.Delta.Value.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Once_the_shared_window_has_passed_a_locked_out_address_may_try_again_on_every_node()
    {
        var database = await DatabaseAsync();
        await using var a = await NodeAsync(database, ShortWindow);
        await using var b = await NodeAsync(database, ShortWindow);
        using var onA = From(a, Client);
        using var onB = From(b, Client);
        // One refusal from another address on each node first, so the three below are not slowed by a node's first one.
        using (var warmA = From(a, OtherClient)) await StatusAsync(warmA);
        using (var warmB = From(b, OtherClient)) await StatusAsync(warmB);
        (await StatusAsync(onA)).ShouldBe(Unauthorized);
        (await StatusAsync(onB)).ShouldBe(Unauthorized);
        (await StatusAsync(onA)).ShouldBe(Unauthorized);
        (await StatusAsync(onB)).ShouldBe(TooManyRequests);

        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        HttpStatusCode status;
        while ((status = await StatusAsync(onB)) == TooManyRequests && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(TimeSpan.FromMilliseconds(250), Cancellation);

        status.ShouldBe(Unauthorized);
        (await StatusAsync(onA)).ShouldBe(Unauthorized);
        // The other address's window ended too, and B's refusal after the window swept its row away.
        (await AddressesCountedAsync(database)).ShouldBe(["127.0.0.1"]);
    }

    [Fact]
    public async Task While_the_shared_count_cannot_be_written_a_refused_key_still_gets_401_and_the_node_counts_the_address_alone()
    {
        var database = await DatabaseAsync();
        await using var node = await NodeAsync(database, LongWindow);
        await SqlAsync(database, $"alter table {FailedSignInTable.Name} rename to failed_sign_ins_away");
        using var client = From(node, Client);

        for (var i = 0; i < Limit; i++) (await StatusAsync(client)).ShouldBe(Unauthorized);
        (await StatusAsync(client)).ShouldBe(TooManyRequests);
    }

    private Task<string> DatabaseAsync() => api.CreateDatabaseAsync($"photonsupport_sign_ins_{Guid.NewGuid():N}");

    private Task<WebApplication> NodeAsync(string database, string window) => api.StartAnotherAsync(database,
        $"--PhotonSupport:Auth:FailedAttempts:Limit={Limit}", $"--PhotonSupport:Auth:FailedAttempts:Window={window}");

    private static HttpClient From(WebApplication node, IPAddress address) =>
        ClientsFrom.Address(address, new Uri(node.Urls.Single()), FailedSignInLimit.WrongKey);

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client) => (await client.GetAsync("/api/me", Cancellation)).StatusCode;

    private static async Task SqlAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancellation);
    }

    private static async Task<List<string>> AddressesCountedAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand($"select host(address) from {FailedSignInTable.Name} order by address", connection);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var addresses = new List<string>();
        while (await reader.ReadAsync(Cancellation)) addresses.Add(reader.GetString(0));
        return addresses;
    }
}
