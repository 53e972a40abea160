using System.Net;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Tests;

public class FirmwareLibrary(ApiFixture api) : ApiTest(api)
{
    private static byte[] Tinker(Platform platform = Platform.Photon, int length = 6000)
    {
        var userPart = FirmwareRegions.For(platform).Single(r => r.Function is ModuleFunction.UserPart or ModuleFunction.MonoFirmware);
        return FirmwareRegions.SyntheticModule(platform, userPart, length, version: 6, fill: 0x5a);
    }

    private Task<HttpResponseMessage> UploadAsync(string path, byte[] binary, string role = Roles.Admin) =>
        Api.ClientFor(role).PutAsync(path, new ByteArrayContent(binary), Cancellation);

    [Fact]
    public async Task An_admin_loads_tinker_and_an_agent_downloads_the_same_bytes()
    {
        var tinker = Tinker();

        var stored = await ReadAsync(await UploadAsync("/api/firmware/photon/tinker", tinker), HttpStatusCode.OK);
        var downloaded = await Api.ClientFor(Roles.Agent).GetByteArrayAsync("/api/firmware/Photon/tinker", Cancellation);

        stored["startAddress"]!.GetValue<uint>().ShouldBe(0x080A0000u);
        stored["function"]!.GetValue<string>().ShouldBe("UserPart");
        downloaded.ShouldBe(tinker);
        (await GetAsync("/api/firmware")).AsArray().Single()!["name"]!.GetValue<string>().ShouldBe("tinker");
    }

    [Fact]
    public async Task A_binary_built_for_another_platform_is_refused()
    {
        var problem = await ReadAsync(await UploadAsync("/api/firmware/photon/tinker", Tinker(Platform.Electron)), HttpStatusCode.BadRequest);

        Strings(problem["errors"]!["body"]).ShouldHaveSingleItem().ShouldContain("platform 10");
        (await GetAsync("/api/firmware")).AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_binary_without_a_module_header_or_too_big_for_its_region_is_refused()
    {
        await ReadAsync(await UploadAsync("/api/firmware/photon/tinker", new byte[4096]), HttpStatusCode.BadRequest);
        await ReadAsync(await UploadAsync("/api/firmware/photon/tinker", Tinker(length: 200 * 1024)), HttpStatusCode.BadRequest);
        await ReadAsync(await UploadAsync("/api/firmware/photon/Tinker!", Tinker()), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_past_the_library_limit_is_refused_without_being_kept() =>
        (await ReadAsync(await UploadAsync("/api/firmware/photon/tinker", new byte[600 * 1024]), HttpStatusCode.BadRequest))["errors"]!["body"]
            .ShouldNotBeNull();

    [Fact]
    public async Task Only_an_admin_loads_firmware() =>
        await ReadAsync(await UploadAsync("/api/firmware/photon/tinker", Tinker(), Roles.Supervisor), HttpStatusCode.Forbidden);

    [Fact]
    public async Task A_missing_binary_is_a_404() =>
        await ReadAsync(await Api.ClientFor(Roles.Agent).GetAsync("/api/firmware/core/cc3000-patch", Cancellation), HttpStatusCode.NotFound);

    [Fact]
    public async Task A_claimed_flash_tinker_job_names_the_binary_to_fetch()
    {
        var ticket = await OpenAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "FlashTinker", waiverReason = "dev kit, owner agreed" }), HttpStatusCode.Created);

        var claimed = await ReadAsync(await PostAsync("/api/agents/claims", new { devices = new[] { new { deviceId = PhotonId, platform = "Photon" } } },
            Api.ClientFor(Roles.Agent)), HttpStatusCode.OK);

        claimed["parameters"]!["firmware"]!.GetValue<string>().ShouldBe("tinker");
    }

    [Fact]
    public async Task A_server_key_job_for_a_private_cloud_hands_the_agent_its_key_and_address()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var key = rsa.ExportSubjectPublicKeyInfo();
        var ticket = await OpenAsync();
        var privateCloud = new { serverKey = Convert.ToBase64String(key), address = "cloud.example.com", port = 5683 };
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "RestoreServerKey", waiverReason = "lab device", privateCloud }), HttpStatusCode.Created);

        var claimed = await ReadAsync(await PostAsync("/api/agents/claims", new { devices = new[] { new { deviceId = PhotonId, platform = "Photon" } } },
            Api.ClientFor(Roles.Agent)), HttpStatusCode.OK);

        Convert.FromBase64String(claimed["parameters"]!["serverKey"]!.GetValue<string>()).ShouldBe(key);
        claimed["parameters"]!["serverAddress"]!.GetValue<string>().ShouldBe("cloud.example.com");
        claimed["parameters"]!["serverPort"]!.GetValue<string>().ShouldBe("5683");
    }

    [Fact]
    public async Task A_private_cloud_key_that_is_not_a_public_key_is_a_400() =>
        (await ReadAsync(await PostAsync($"/api/tickets/{await OpenAsync()}/jobs",
            new { kind = "RestoreServerKey", waiverReason = "lab", privateCloud = new { serverKey = "AAAA", address = "cloud.example.com" } }),
            HttpStatusCode.BadRequest))["errors"]!["privateCloud.serverKey"].ShouldNotBeNull();
}
