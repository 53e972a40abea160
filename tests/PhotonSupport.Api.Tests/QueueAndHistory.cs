using System.Net;

namespace PhotonSupport.Api.Tests;

public class QueueAndHistory(ApiFixture api) : ApiTest(api)
{
    private const string CoreId = "53ff6f065067544847310187";

    [Fact]
    public async Task Device_history_shows_both_tickets_of_a_device_reported_twice()
    {
        var first = await OpenAsync();
        await ReadAsync(await PostAsync($"/api/tickets/{first}/resolve", new { resolution = "keys server" }), HttpStatusCode.OK);
        var second = await OpenAsync(PhotonReport("cyan-flash-red-4"));
        await OpenAsync(PhotonReport(deviceId: "1f0038000447343232363230"));
        await Api.ProjectionsCaughtUpAsync();

        var history = await GetAsync($"/api/devices/{PhotonId.ToUpperInvariant()}/history");

        history["deviceId"]!.GetValue<string>().ShouldBe(PhotonId);
        history["ticketIds"]!.AsArray().Select(t => t!.GetValue<Guid>()).ShouldBe([first, second]);
        history["entries"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ShouldBe(
            ["DeviceReported", "DiagnosisRecorded", "TicketResolved", "DeviceReported", "DiagnosisRecorded"]);
    }

    [Fact]
    public async Task A_device_nobody_reported_has_no_history()
    {
        await GetAsync($"/api/devices/{CoreId}/history", HttpStatusCode.NotFound);
        await GetAsync("/api/devices/not-a-device/history", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_queue_filters_by_status_platform_device_and_owner()
    {
        var photon = await OpenAsync();
        var core = await OpenAsync(new { deviceId = CoreId, platform = "Core", ownerEmail = "kickstarter@example.com", symptom = "cyan then green", ledPattern = "cyan-flash-green" });
        await ReadAsync(await PostAsync($"/api/tickets/{core}/resolve", new { resolution = "cc3000 patched" }), HttpStatusCode.OK);

        async Task<Guid[]> Ids(string query) =>
            (await GetAsync($"/api/tickets?{query}"))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToArray();

        (await Ids("")).ShouldBe([core, photon]);
        (await Ids("status=Resolved")).ShouldBe([core]);
        (await Ids("status=open")).ShouldBe([photon]);
        (await Ids("platform=Photon")).ShouldBe([photon]);
        (await Ids($"deviceId={CoreId.ToUpperInvariant()}")).ShouldBe([core]);
        (await Ids("ownerEmail=owner@example.com")).ShouldBe([photon]);
        (await Ids("platform=Core&status=Open")).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_queue_pages()
    {
        for (var i = 0; i < 3; i++) await OpenAsync(PhotonReport(deviceId: AnotherPhoton(i)));

        var page = await GetAsync("/api/tickets?page=2&pageSize=2");

        page["items"]!.AsArray().Count.ShouldBe(1);
        page["total"]!.GetValue<long>().ShouldBe(3);
    }

    [Theory]
    [InlineData("platform=Argon", "platform")]
    [InlineData("status=Lost", "status")]
    [InlineData("deviceId=123", "deviceId")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=two", "page")]
    public async Task A_bad_filter_is_a_400_naming_it(string query, string field) =>
        await ShouldBeBadQueryAsync($"/api/tickets?{query}", field);

    [Fact]
    public async Task Health_answers_when_the_database_does() =>
        (await GetAsync("/health"))["status"]!.GetValue<string>().ShouldBe("healthy");

    [Fact]
    public async Task The_OpenAPI_document_describes_the_ticket_endpoints()
    {
        var document = await GetAsync("/openapi/v1.json");

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();
        paths.ShouldContain("/api/tickets");
        paths.ShouldContain("/api/tickets/{id}/jobs");
        paths.ShouldContain("/api/devices/{deviceId}/history");
    }
}
