using System.Net;
using System.Text.Json.Nodes;

namespace PhotonSupport.Api.Tests;

/// <summary>The OpenAPI document client generators read, fetched as they fetch it: without a key.</summary>
public class OpenApiContract(ApiFixture api) : ApiTest(api)
{
    private async Task<JsonNode> DocumentAsync() =>
        await ReadAsync(await Api.Anonymous.GetAsync("/openapi/v1.json", Cancellation), HttpStatusCode.OK);

    /// <summary>A "$ref": "#/components/schemas/X" followed to X; an inline schema as it is.</summary>
    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference ? document["components"]!["schemas"]![reference.Split('/')[^1]]! : schema;

    [Fact]
    public async Task It_declares_the_api_key_as_a_bearer_scheme_on_every_endpoint_that_needs_one()
    {
        var document = await DocumentAsync();

        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        var scheme = schemes.ShouldHaveSingleItem();
        scheme.Value!["type"]!.GetValue<string>().ShouldBe("http");
        scheme.Value["scheme"]!.GetValue<string>().ShouldBe("bearer");
        var list = document["paths"]!["/api/tickets"]!["get"]!;
        list["security"]!.AsArray().ShouldHaveSingleItem()!.AsObject().ShouldHaveSingleItem().Key.ShouldBe(scheme.Key);
        list["responses"]!["401"]!["content"]!["application/problem+json"].ShouldNotBeNull();
        // The owner's link is its own credential (health probes are not in the document: they are no API for clients).
        document["paths"]!["/api/uploads/{token}"]!["put"]!["security"].ShouldBeNull();
    }

    [Fact]
    public async Task Queuing_a_job_answers_201_or_problems()
    {
        var responses = (await DocumentAsync())["paths"]!["/api/tickets/{id}/jobs"]!["post"]!["responses"]!.AsObject();

        responses.Select(r => r.Key).ShouldBe(["201", "400", "401", "403", "404", "409"], ignoreOrder: true);
        foreach (var status in new[] { "400", "404", "409" }) responses[status]!["content"]!["application/problem+json"].ShouldNotBeNull();
    }

    [Fact]
    public async Task The_ticket_read_model_is_described()
    {
        var document = await DocumentAsync();

        var ok = document["paths"]!["/api/tickets/{id}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        var properties = Resolve(document, ok)["properties"]!.AsObject().Select(p => p.Key).ToArray();
        properties.ShouldContain("id");
        properties.ShouldContain("reference");
        properties.ShouldContain("status");
        properties.ShouldContain("jobs");
    }
}
