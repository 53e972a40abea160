using System.Buffers.Binary;
using System.Net;
using System.Text;
using PhotonSupport.BenchAgent.Particle;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Operations;

/// <summary>The cloud a device should talk to: its public key (DER) and where to find it.</summary>
public sealed record CloudServer(byte[] PublicKeyDer, string Address, ushort? Port)
{
    /// <summary>0xFFFF in the port field means "the protocol's default" (5683 TCP, 5684 UDP).</summary>
    public const ushort DefaultPort = 0xFFFF;

    public const string ParticleTcpServer = "device.spark.io";

    /// <summary>
    /// The Particle cloud as particle-cli's <c>keys server</c> writes it for the platform's protocol. The
    /// published files are whole slot blocks; the key is the DER at their start.
    /// </summary>
    public static CloudServer Particle(Platform platform, string deviceId, CloudKeys keys) => KeySlots.For(platform).Ec
        ? new CloudServer(KeyOf(keys.EcSlot), $"{deviceId}.udp.particle.io", null)
        : new CloudServer(KeyOf(keys.RsaSlot), ParticleTcpServer, null);

    private static byte[] KeyOf(byte[] slotBlock) =>
        slotBlock[..(DerLength.Of(slotBlock) ?? throw new InvalidDataException("the published cloud key does not start with a DER structure"))];
}

/// <summary>
/// Builds the bytes of a server key slot as <c>keys server</c> writes them: the key DER, 0xFF padding,
/// then the address (type 0 = IPv4 + 4 bytes, 1 = domain + length + ASCII) and the big-endian port at
/// fixed offsets into the slot (particle-facts.md, "Operations").
/// </summary>
public static class ServerKeyBlock
{
    private const byte AddressIsIpv4 = 0;
    private const byte AddressIsDomain = 1;
    private const int RsaAddressOffset = 384;
    private const int RsaPortOffset = 450;
    private const int EcAddressOffset = 192;
    private const int EcPortOffset = 258;

    public static byte[] Build(Platform platform, CloudServer server)
    {
        var slots = KeySlots.For(platform);
        var (addressOffset, portOffset) = slots.Ec ? (EcAddressOffset, EcPortOffset) : (RsaAddressOffset, RsaPortOffset);
        if (server.PublicKeyDer.Length > addressOffset)
            throw new ArgumentException($"A {server.PublicKeyDer.Length}-byte key does not fit before the address at +{addressOffset}.", nameof(server));

        var block = new byte[slots.ServerKeySize];
        Array.Fill(block, (byte)0xFF);
        server.PublicKeyDer.CopyTo(block, 0);
        WriteAddress(block.AsSpan(addressOffset, portOffset - addressOffset), server.Address);
        BinaryPrimitives.WriteUInt16BigEndian(block.AsSpan(portOffset), server.Port ?? CloudServer.DefaultPort);
        return block;
    }

    private static void WriteAddress(Span<byte> field, string address)
    {
        if (IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            field[0] = AddressIsIpv4;
            ip.GetAddressBytes().CopyTo(field[1..]);
            return;
        }
        var name = Encoding.ASCII.GetBytes(address);
        if (name.Length > field.Length - 2) throw new ArgumentException($"The server name '{address}' is longer than its {field.Length - 2}-byte field.");
        field[0] = AddressIsDomain;
        field[1] = (byte)name.Length;
        name.CopyTo(field[2..]);
        // particle-cli ends the name with a NUL where it fits; the firmware reads the length byte.
        if (name.Length + 2 < field.Length) field[name.Length + 2] = 0;
    }
}
