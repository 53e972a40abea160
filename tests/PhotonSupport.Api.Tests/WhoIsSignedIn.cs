using System.Net;
using PhotonSupport.Api.Auth;

namespace PhotonSupport.Api.Tests;

public class WhoIsSignedIn(ApiFixture api) : ApiTest(api)
{
    [Theory]
    [InlineData("support")]
    [InlineData("supervisor")]
    [InlineData("admin")]
    [InlineData("agent")]
    public async Task Any_key_learns_its_own_name_and_role(string role)
    {
        var me = await ReadAsync(await Api.ClientFor(role).GetAsync("/api/me", Cancellation), HttpStatusCode.OK);

        me["name"]!.GetValue<string>().ShouldBe($"test-{role}");
        me["role"]!.GetValue<string>().ShouldBe(role);
    }

    [Fact]
    public async Task Without_a_key_or_with_an_unknown_one_me_is_a_401_problem_in_words()
    {
        foreach (var caller in new[] { Api.Anonymous, Api.ClientWith("ps_not-a-key") })
        {
            var response = await caller.GetAsync("/api/me", Cancellation);
            var problem = await ReadAsync(response, HttpStatusCode.Unauthorized);

            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            problem["type"]!.GetValue<string>().ShouldBe(AuthProblems.UnauthenticatedType);
            problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        }
    }
}
