using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace PhotonSupport.Api.Tests;

/// <summary>
/// Clients whose connections leave from a chosen address. All of 127.0.0.0/8 is this machine's loopback: a client bound
/// to 127.0.0.2 is another address to the Api than one bound to 127.0.0.1.
/// </summary>
public static class ClientsFrom
{
    public static HttpClient Address(IPAddress address, Uri api, string token)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellation) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(address, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellation);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = api };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
