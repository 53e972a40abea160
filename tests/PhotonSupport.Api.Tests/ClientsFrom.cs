using System.Net;
using System.Net.Http.Headers;
using PhotonSupport.Testing;

namespace PhotonSupport.Api.Tests;

/// <summary>Clients of an Api whose connections leave from a chosen loopback address (<see cref="LoopbackClient"/>), with a key.</summary>
public static class ClientsFrom
{
    public static HttpClient Address(IPAddress address, Uri api, string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = LoopbackClient.ConnectFrom(address) }) { BaseAddress = api };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
