using System.Buffers.Binary;
using System.Net;
using System.Text;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Operations;

/// <summary>
/// The cloud a device should talk to: its public key (DER) and where to find it. A class, not a record:
/// a <c>with</c> copy given another address would keep the published block and write it unchanged.
/// </summary>
public sealed class CloudServer(byte[] publicKeyDer, string address, ushort? port)
{
    public byte[] PublicKeyDer { get; } = publicKeyDer;

    public string Address { get; } = address;

    public ushort? Port { get; } = port;

    /// <summary>
    /// The slot block exactly as Particle publishes it, written as it is; null for a cloud whose block is
    /// built from key, address and port.
    /// </summary>
    public byte[]? PublishedBlock { get; private init; }

    /// <summary>
    /// The Particle cloud as particle-cli's <c>keys server</c> writes it: the published file for the
    /// platform's slot, byte for byte (particle-cli keys-specs.js: RSA 512 bytes at 2082, the Core's
    /// 2048-byte padded file at 0x1000, EC 320 bytes at 3298). The EC file's address field holds the
    /// literal "$id.udp.particle.io": the firmware puts the device id in place of "$id", so the block
    /// is the same for every device.
    /// </summary>
    public static CloudServer Particle(Platform platform, CloudKeys keys)
    {
        return new CloudServer(keys.KeyFor(platform), "the Particle cloud", null) { PublishedBlock = keys.SlotFor(platform) };
    }
}

/// <summary>
/// Builds the bytes of a server key slot as <c>keys server</c> writes them: the key DER, 0xFF padding,
/// then the address (type 0 = IPv4 + 4 bytes, 1 = domain + length + ASCII) and the big-endian port at
/// fixed offsets into the slot (particle-facts.md, "Operations").
/// </summary>
public static class ServerKeyBlock
{
    public static byte[] Build(Platform platform, CloudServer server)
    {
        var slots = KeySlots.For(platform);
        if (server.PublishedBlock is { } published)
        {
            if (published.Length != slots.ServerKeySize)
                throw new ArgumentException($"The published {published.Length}-byte block does not fill the {slots.ServerKeySize}-byte {platform} slot.", nameof(server));
            return (byte[])published.Clone();
        }
        var (addressOffset, portOffset) = (slots.ServerAddress, slots.ServerPort);
        if (server.PublicKeyDer.Length > addressOffset)
            throw new ArgumentException($"A {server.PublicKeyDer.Length}-byte key does not fit before the address at +{addressOffset}.", nameof(server));

        var block = new byte[slots.ServerKeySize];
        Array.Fill(block, (byte)0xFF);
        server.PublicKeyDer.CopyTo(block, 0);
        WriteAddress(block.AsSpan(addressOffset, portOffset - addressOffset), server.Address);
        BinaryPrimitives.WriteUInt16BigEndian(block.AsSpan(portOffset), server.Port ?? ServerKeys.DefaultPort);
        return block;
    }

    private static void WriteAddress(Span<byte> field, string address)
    {
        if (IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            field[0] = ServerKeys.AddressIsIpv4;
            ip.GetAddressBytes().CopyTo(field[1..]);
            return;
        }
        var name = Encoding.ASCII.GetBytes(address);
        if (name.Length > field.Length - 2) throw new ArgumentException($"The server name '{address}' is longer than its {field.Length - 2}-byte field.");
        field[0] = ServerKeys.AddressIsDomain;
        field[1] = (byte)name.Length;
        name.CopyTo(field[2..]);
        // particle-cli ends the name with a NUL where it fits; the firmware reads the length byte.
        if (name.Length + 2 < field.Length) field[name.Length + 2] = 0;
    }
}
