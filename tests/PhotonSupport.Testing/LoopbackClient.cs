using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace PhotonSupport.Testing;

/// <summary>
/// Connections that leave from a chosen address. All of 127.0.0.0/8 is this machine's loopback: a client bound to
/// 127.0.0.2 is another address to a server than one bound to 127.0.0.1.
/// </summary>
public static class LoopbackClient
{
    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that binds each connection to <paramref name="address"/>.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectFrom(IPAddress address) =>
        async (context, cancellation) =>
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
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
        };
}
