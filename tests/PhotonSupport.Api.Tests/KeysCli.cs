using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PhotonSupport.Api.Cli;
using Microsoft.Extensions.DependencyInjection;
using PhotonSupport.Testing;
using PhotonSupport.Workers.Auth;
using PhotonSupport.Workers.Backups;

namespace PhotonSupport.Api.Tests;

/// <summary>The <c>keys</c> command, run in-process against the test host's keys.</summary>
public class KeysCli(ApiFixture api) : ApiTest(api), IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("photonsupport-keys-");

    public void Dispose() => _dir.Delete(recursive: true);

    private sealed record Run(int Exit, string Output, string Error)
    {
        public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private async Task<Run> KeysAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await KeysCommand.RunAsync(Api.Services, args, output, error);
        return new Run(exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Create_prints_a_token_that_verifies_as_the_new_key()
    {
        var created = await KeysAsync("create", "--role", Roles.Support, "--name", "alice");

        created.Exit.ShouldBe(KeysCommand.Succeeded, created.Error);
        var key = (await Api.Keys.VerifyAsync(created.Lines[^1], Cancellation)).ShouldNotBeNull();
        key.Name.ShouldBe("alice");
        key.Role.ShouldBe(Roles.Support);
        created.Output.ShouldContain(key.Id);
    }

    [Fact]
    public async Task List_shows_every_key_and_no_secret()
    {
        var token = (await KeysAsync("create", "--role", Roles.Agent, "--name", "bench-1")).Lines[^1];
        var key = (await Api.Keys.VerifyAsync(token, Cancellation))!;

        var listed = await KeysAsync("list");

        listed.Exit.ShouldBe(KeysCommand.Succeeded);
        listed.Lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["ID", "NAME", "ROLE", "CREATED", "REVOKED"]);
        listed.Lines.Length.ShouldBe(1 + Roles.All.Count + 1);
        listed.Lines.ShouldContain(line => line.StartsWith(key.Id) && line.Contains("bench-1") && line.Contains(Roles.Agent) && line.EndsWith('-'));
        listed.Output.ShouldNotContain(ApiKeys.TokenPrefix);
        listed.Output.ShouldNotContain(token[^20..]);
    }

    [Fact]
    public async Task Revoke_by_name_stops_the_token_and_shows_in_the_list()
    {
        var token = (await KeysAsync("create", "--role", Roles.Support, "--name", "leaver")).Lines[^1];

        var revoked = await KeysAsync("revoke", "leaver");

        revoked.Exit.ShouldBe(KeysCommand.Succeeded, revoked.Error);
        (await Api.Keys.VerifyAsync(token, Cancellation)).ShouldBeNull();
        (await KeysAsync("list")).Lines.Single(l => l.Contains("leaver")).EndsWith('-').ShouldBeFalse();
        var again = await KeysAsync("revoke", "leaver");
        again.Exit.ShouldBe(KeysCommand.Failed);
        again.Error.ShouldContain("no active key");
    }

    [Fact]
    public async Task Revoke_by_id_leaves_other_keys_of_the_same_name()
    {
        var first = (await Api.Keys.CreateAsync("rotating", Roles.Support, Cancellation)).Key;
        var (_, second) = await Api.Keys.CreateAsync("rotating", Roles.Support, Cancellation);

        (await KeysAsync("revoke", first.Id)).Exit.ShouldBe(KeysCommand.Succeeded);

        (await Api.Keys.VerifyAsync(second, Cancellation)).ShouldNotBeNull();
    }

    [Fact]
    public async Task An_unknown_role_is_exit_2_listing_the_roles()
    {
        var refused = await KeysAsync("create", "--role", "janitor", "--name", "x");

        refused.Exit.ShouldBe(KeysCommand.BadArguments);
        refused.Output.ShouldBeEmpty();
        foreach (var role in Roles.All) refused.Error.ShouldContain(role);
        (await Api.Keys.ListAsync(Cancellation)).Count.ShouldBe(Roles.All.Count);
    }

    [Fact]
    public async Task Without_a_database_configured_it_says_how_to_name_one_and_fails()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        // The command-line entry builds its own host from this process's settings, where the tests configure no database.
        var exit = await KeysCommand.RunAsync(["list"], output, error);

        exit.ShouldBe(KeysCommand.Failed);
        output.ToString().ShouldBeEmpty();
        error.ToString().ShouldStartWith("keys: No database configured");
        error.ToString().ShouldContain("PHOTONSUPPORT_DB");
        error.ToString().ShouldContain("ConnectionStrings:PhotonSupport");
        error.ToString().ShouldContain("./run.sh");
        error.ToString().ShouldNotContain(" at ");
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("create", "--name", "x")]
    [InlineData("create", "--role", "support", "--name")]
    [InlineData("create", "--role", "support", "--name", " ")]
    [InlineData("create", "--role", "support", "--name", "x", "--colour", "red")]
    [InlineData("create", "--role", "support", "--role", "admin", "--name", "x")]
    [InlineData("list", "everything")]
    [InlineData("revoke")]
    [InlineData("revoke", "a", "b")]
    [InlineData("dev-bootstrap")]
    [InlineData("new-vault-key")]
    [InlineData("new-vault-key", "--file")]
    [InlineData("rotate-vault", "now")]
    public async Task Bad_arguments_are_exit_2_with_the_usage_on_stderr(params string[] args)
    {
        var refused = await KeysAsync(args);

        refused.Exit.ShouldBe(KeysCommand.BadArguments);
        refused.Output.ShouldBeEmpty();
        refused.Error.ShouldStartWith("keys: ");
        refused.Error.ShouldContain("usage: keys create");
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Dev_bootstrap_writes_a_supervisor_and_an_agent_token_to_an_owner_only_file_once()
    {
        var path = Path.Combine(_dir.FullName, "nested", "dev-keys.json");

        var first = await KeysAsync("dev-bootstrap", "--file", path);

        first.Exit.ShouldBe(KeysCommand.Succeeded, first.Error);
        File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var written = await File.ReadAllTextAsync(path, Cancellation);
        var file = JsonNode.Parse(written)!.AsObject();
        file.Select(p => p.Key).ShouldBe(["supervisor", "agent", "admin", "api"]);
        file["api"]!.GetValue<string>().ShouldBe("http://127.0.0.1:5080");
        (await Api.Keys.VerifyAsync(file["supervisor"]!.GetValue<string>(), Cancellation))!.ShouldSatisfyAllConditions(
            k => k.Name.ShouldBe(KeysCommand.DevSupervisor), k => k.Role.ShouldBe(Roles.Supervisor));
        (await Api.Keys.VerifyAsync(file["agent"]!.GetValue<string>(), Cancellation))!.ShouldSatisfyAllConditions(
            k => k.Name.ShouldBe(KeysCommand.DevAgent), k => k.Role.ShouldBe(Roles.Agent));
        (await Api.Keys.VerifyAsync(file["admin"]!.GetValue<string>(), Cancellation))!.ShouldSatisfyAllConditions(
            k => k.Name.ShouldBe(KeysCommand.DevAdmin), k => k.Role.ShouldBe(Roles.Admin));
        first.Output.ShouldNotContain(ApiKeys.TokenPrefix);

        var second = await KeysAsync("dev-bootstrap", "--file", path, "--api", "http://127.0.0.1:6000");

        second.Exit.ShouldBe(KeysCommand.Succeeded);
        second.Output.ShouldContain("exists");
        (await File.ReadAllTextAsync(path, Cancellation)).ShouldBe(written);
        (await Api.Keys.ListAsync(Cancellation)).Count.ShouldBe(Roles.All.Count + 3);
    }

    [Fact]
    public async Task Dev_bootstrap_after_the_file_is_gone_revokes_the_dev_keys_it_held()
    {
        var path = Path.Combine(_dir.FullName, "dev-keys.json");
        await KeysAsync("dev-bootstrap", "--file", path);
        var lost = JsonNode.Parse(await File.ReadAllTextAsync(path, Cancellation))!;
        File.Delete(path);

        var again = await KeysAsync("dev-bootstrap", "--file", path, "--api", "http://127.0.0.1:6000");

        again.Exit.ShouldBe(KeysCommand.Succeeded, again.Error);
        (await Api.Keys.VerifyAsync(lost["supervisor"]!.GetValue<string>(), Cancellation)).ShouldBeNull();
        (await Api.Keys.VerifyAsync(lost["agent"]!.GetValue<string>(), Cancellation)).ShouldBeNull();
        (await Api.Keys.VerifyAsync(lost["admin"]!.GetValue<string>(), Cancellation)).ShouldBeNull();
        var fresh = JsonNode.Parse(await File.ReadAllTextAsync(path, Cancellation))!;
        fresh["api"]!.GetValue<string>().ShouldBe("http://127.0.0.1:6000");
        (await Api.Keys.VerifyAsync(fresh["supervisor"]!.GetValue<string>(), Cancellation)).ShouldNotBeNull();
    }

    [Fact]
    public async Task The_dev_bootstrap_admin_key_loads_firmware_into_the_library()
    {
        var path = Path.Combine(_dir.FullName, "dev-keys.json");
        await KeysAsync("dev-bootstrap", "--file", path);
        using var admin = Api.ClientWith(JsonNode.Parse(await File.ReadAllTextAsync(path, Cancellation))!["admin"]!.GetValue<string>());
        var tinker = Tinker();

        var loaded = await admin.PutAsync("/api/firmware/photon/tinker",
            new ByteArrayContent(tinker) { Headers = { ContentType = new("application/octet-stream") } }, Cancellation);

        await ReadAsync(loaded, System.Net.HttpStatusCode.OK);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task New_vault_key_makes_an_owner_only_key_file_and_each_call_adds_a_key_and_makes_it_active()
    {
        var path = Path.Combine(_dir.FullName, "nested", "vault-keys.json");

        var first = await KeysAsync("new-vault-key", "--file", path);
        var firstId = first.Lines[^1];
        var second = await KeysAsync("new-vault-key", "--file", path);

        first.Exit.ShouldBe(KeysCommand.Succeeded, first.Error);
        second.Exit.ShouldBe(KeysCommand.Succeeded, second.Error);
        var secondId = second.Lines[^1];
        firstId.ShouldMatch(@"^k-\d{8}-[0-9a-f]{4}$");
        secondId.ShouldNotBe(firstId);
        File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var file = JsonNode.Parse(await File.ReadAllTextAsync(path, Cancellation))!;
        file["activeKey"]!.GetValue<string>().ShouldBe(secondId);
        var keys = file["keys"]!.AsObject();
        keys.Select(k => k.Key).ShouldBe([firstId, secondId], ignoreOrder: true);
        foreach (var (_, key) in keys)
        {
            Convert.FromBase64String(key!.GetValue<string>()).Length.ShouldBe(32);
            (first.Output + second.Output).ShouldNotContain(key.GetValue<string>());
        }
        _dir.GetFiles("*", SearchOption.AllDirectories).Select(f => f.Name).ShouldBe(["vault-keys.json"]);
    }

    [Fact]
    public async Task Rotate_vault_says_how_many_images_it_re_encrypted_and_how_many_were_current()
    {
        var vault = Api.Services.GetRequiredService<BackupVault>();
        await using (var session = Api.Store.LightweightSession())
        {
            foreach (var image in new[] { new byte[] { 1, 2, 3 }, new byte[] { 4, 5, 6 } })
                vault.Store(session, Guid.CreateVersion7(), Guid.CreateVersion7(), Convert.ToHexStringLower(SHA256.HashData(image)), image);
            await session.SaveChangesAsync(Cancellation);
        }

        var rotated = await KeysAsync("rotate-vault");

        rotated.Exit.ShouldBe(KeysCommand.Succeeded, rotated.Error);
        rotated.Lines[^1].ShouldBe($"re-encrypted 0 image(s) under key {TestVaultKeys.KeyId}; 2 already current");
    }
}
