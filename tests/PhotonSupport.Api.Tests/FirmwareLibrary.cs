using System.Net;
using PhotonSupport.Domain.Devices;
using PhotonSupport.Workers.Auth;

namespace PhotonSupport.Api.Tests;

public class FirmwareLibrary(ApiFixture api) : ApiTest(api)
{
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

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    public async Task An_upload_with_another_content_type_is_a_415_that_names_application_octet_stream(string contentType)
    {
        var content = new ByteArrayContent(Tinker()) { Headers = { ContentType = new(contentType) } };

        var problem = await ReadAsync(await Api.ClientFor(Roles.Admin).PutAsync("/api/firmware/photon/tinker", content, Cancellation),
            HttpStatusCode.UnsupportedMediaType);

        problem["type"]!.GetValue<string>().ShouldBe("urn:photonsupport:problem:unsupported-media-type");
        problem["detail"]!.GetValue<string>().ShouldContain("application/octet-stream");
        problem["detail"]!.GetValue<string>().ShouldContain(contentType);
        (await GetAsync("/api/firmware")).AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_an_admin_loads_firmware() =>
        await ReadAsync(await UploadAsync("/api/firmware/photon/tinker", Tinker(), Roles.Supervisor), HttpStatusCode.Forbidden);

    [Fact]
    public async Task A_missing_binary_is_a_404() =>
        await ReadAsync(await Api.ClientFor(Roles.Agent).GetAsync("/api/firmware/core/cc3000-patch", Cancellation), HttpStatusCode.NotFound);

    [Fact]
    public async Task A_claimed_flash_tinker_job_names_the_binary_to_fetch_and_its_SHA256()
    {
        var sha256 = await GivenInLibraryAsync("/api/firmware/photon/tinker", Tinker());
        var ticket = await OpenAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "FlashTinker", waiverReason = "dev kit, owner agreed" }), HttpStatusCode.Created);

        var claimed = await ClaimPhotonAsync();

        claimed["parameters"]!["firmware"]!.GetValue<string>().ShouldBe("tinker");
        claimed["parameters"]!["firmwareSha256"]!.GetValue<string>().ShouldBe(sha256);
    }

    [Fact]
    public async Task A_binary_replaced_after_the_job_was_queued_is_not_the_one_the_claim_pins()
    {
        var queuedWith = await GivenInLibraryAsync("/api/firmware/photon/tinker", Tinker());
        var ticket = await OpenAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "FlashTinker", waiverReason = "dev kit, owner agreed" }), HttpStatusCode.Created);
        var replacedBy = await GivenInLibraryAsync("/api/firmware/photon/tinker", Tinker(fill: 0x33));

        var claimed = await ClaimPhotonAsync();

        replacedBy.ShouldNotBe(queuedWith);
        claimed["parameters"]!["firmwareSha256"]!.GetValue<string>().ShouldBe(queuedWith);
    }

    [Fact]
    public async Task A_system_update_pins_each_system_part_in_the_order_of_the_names()
    {
        var part1 = await GivenInLibraryAsync("/api/firmware/photon/system-part1", SystemPart(1));
        var part2 = await GivenInLibraryAsync("/api/firmware/photon/system-part2", SystemPart(2));
        var ticket = await OpenAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "UpdateSystemFirmware", waiverReason = "dev kit" }), HttpStatusCode.Created);

        var parameters = (await ClaimPhotonAsync())["parameters"]!;

        parameters["firmware"]!.GetValue<string>().ShouldBe("system-part1,system-part2");
        parameters["firmwareSha256"]!.GetValue<string>().ShouldBe($"{part1},{part2}");
    }

    [Fact]
    public async Task Flashing_tinker_the_library_lacks_is_a_409_naming_the_upload_and_appends_nothing()
    {
        var ticket = await OpenAsync();

        var problem = await ReadAsync(await PostAsync($"/api/tickets/{ticket}/jobs", new { kind = "FlashTinker", waiverReason = "dev kit" }), HttpStatusCode.Conflict);

        problem["type"]!.GetValue<string>().ShouldBe("urn:photonsupport:problem:firmware-not-in-library");
        problem["detail"]!.GetValue<string>().ShouldContain("PUT /api/firmware/Photon/tinker");
        (await TimelineTypesAsync(ticket)).ShouldBe(["DeviceReported", "DiagnosisRecorded"]);
    }

    private static byte[] SystemPart(int index)
    {
        var region = FirmwareRegions.For(Platform.Photon).Single(r => r.Name == $"system-part{index}");
        return FirmwareRegions.SyntheticModule(Platform.Photon, region, 4096, version: 1, fill: (byte)index);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> ClaimPhotonAsync() =>
        await ReadAsync(await PostAsync("/api/agents/claims", new { devices = new[] { new { deviceId = PhotonId, platform = "Photon" } } },
            Api.ClientFor(Roles.Agent)), HttpStatusCode.OK);

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
