using System.Net;

namespace PhotonSupport.Api.Tests;

public class OpeningTickets(ApiFixture api) : ApiTest(api)
{
    [Fact]
    public async Task A_Photon_blinking_cyan_then_three_red_is_diagnosed_with_a_missing_server_key()
    {
        var response = await PostAsync("/api/tickets", PhotonReport("cyan-flash-red-3"));

        var opened = await ReadAsync(response, HttpStatusCode.Created);
        var id = opened["id"]!.GetValue<Guid>();
        response.Headers.Location!.ToString().ShouldBe($"/api/tickets/{id}");
        opened["reference"]!.GetValue<string>().ShouldStartWith("PS-");
        opened["status"]!.GetValue<string>().ShouldBe("Open");
        opened["version"]!.GetValue<long>().ShouldBe(2);

        var ticket = await GetAsync($"/api/tickets/{id}");
        ticket["deviceId"]!.GetValue<string>().ShouldBe(PhotonId);
        ticket["platform"]!.GetValue<string>().ShouldBe("Photon");
        ticket["diagnosis"]!["cause"]!.GetValue<string>().ShouldContain("server public key");
        Strings(ticket["diagnosis"]!["plan"]).ShouldBe(["Backup", "RestoreServerKey", "FlashTinker"]);
        ticket["jobs"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_report_without_an_led_pattern_has_no_diagnosis()
    {
        var id = await OpenAsync(PhotonReport(ledPattern: null));

        (await GetAsync($"/api/tickets/{id}"))["diagnosis"].ShouldBeNull();
        (await TimelineTypesAsync(id)).ShouldBe(["DeviceReported"]);
    }

    [Fact]
    public async Task Device_ids_are_kept_in_lower_case() =>
        (await GetAsync($"/api/tickets/{await OpenAsync(PhotonReport(deviceId: PhotonId.ToUpperInvariant()))}"))["deviceId"]!
            .GetValue<string>().ShouldBe(PhotonId);

    [Fact]
    public async Task References_come_from_one_sequence_and_never_repeat()
    {
        var references = new List<string>();
        for (var i = 0; i < 3; i++)
            references.Add((await GetAsync($"/api/tickets/{await OpenAsync(PhotonReport(deviceId: AnotherPhoton(i)))}"))["reference"]!.GetValue<string>());

        references.Distinct().Count().ShouldBe(3);
        var numbers = references.Select(r => long.Parse(r["PS-".Length..])).ToArray();
        numbers.ShouldBe(numbers.Order().ToArray());
    }

    [Theory]
    [InlineData("deviceId", "3c002b00034734333937353")]
    [InlineData("deviceId", "zz002b000347343339373536")]
    [InlineData("platform", "Argon")]
    [InlineData("platform", "6")]
    [InlineData("ownerEmail", "owner-at-example.com")]
    [InlineData("ledPattern", "purple-rain")]
    public async Task An_invalid_field_is_a_400_naming_it_and_nothing_is_appended(string field, string value)
    {
        var report = new Dictionary<string, object?>
        {
            ["deviceId"] = PhotonId, ["platform"] = "Photon", ["ownerEmail"] = "owner@example.com",
            ["symptom"] = "blinks", ["ledPattern"] = "cyan-flash-red-3", [field] = value,
        };

        var problem = await ReadAsync(await PostAsync("/api/tickets", report), HttpStatusCode.BadRequest);

        problem["type"]!.GetValue<string>().ShouldBe("urn:photonsupport:problem:validation");
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe([field]);
        (await Api.EventCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_led_pattern_lists_the_accepted_codes()
    {
        var problem = await ReadAsync(await PostAsync("/api/tickets", PhotonReport("purple-rain")), HttpStatusCode.BadRequest);

        var message = Strings(problem["errors"]!["ledPattern"]).ShouldHaveSingleItem();
        message.ShouldContain("cyan-flash-red-3");
        message.ShouldContain("blinking-yellow");
    }

    [Fact]
    public async Task An_oversize_symptom_is_a_400_naming_it()
    {
        var problem = await ReadAsync(
            await PostAsync("/api/tickets", new { deviceId = PhotonId, platform = "Photon", ownerEmail = "o@example.com", symptom = new string('x', 4001) }),
            HttpStatusCode.BadRequest);

        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["symptom"]);
        (await Api.EventCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_empty_report_names_every_missing_field() =>
        (await ReadAsync(await PostAsync("/api/tickets", new { }), HttpStatusCode.BadRequest))["errors"]!.AsObject()
            .Select(e => e.Key).Order().ShouldBe(["deviceId", "ownerEmail", "platform", "symptom"]);

    [Theory]
    [InlineData("{\"deviceId\": 12}", "deviceId")]
    [InlineData("{\"deviceId\": \"3c002b000347343339373536\",", "body")]
    [InlineData("not json", "body")]
    public async Task Malformed_json_is_a_400_naming_where_it_broke(string body, string field)
    {
        var response = await Api.Http.PostAsync("/api/tickets", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var problem = await ReadAsync(response, HttpStatusCode.BadRequest);
        problem["errors"]![field].ShouldNotBeNull();
        (await Api.EventCountAsync()).ShouldBe(0);
    }
}
