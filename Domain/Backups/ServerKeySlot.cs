using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Domain.Backups;

/// <summary>
/// What a server key slot holds (particle-facts.md, "Operations", <c>RestoreServerKey</c>): the key DER,
/// 0xFF padding, the server address (type 0 = IPv4 + 4 bytes, 1 = domain + length + ASCII) and the
/// big-endian port (0xFFFF = the protocol's default).
/// </summary>
internal static class ServerKeySlot
{
    public static ServerKeyFinding Read(Platform platform, ReadOnlySpan<byte> slot, List<string> notes)
    {
        var slots = KeySlots.For(platform);
        var algorithm = slots.Ec ? "ec-p256" : "rsa-2048";
        if (KeySlotBytes.Erased(slot))
        {
            notes.Add("The server public key slot is erased: the device cannot verify the cloud "
                + "(since Device OS 0.7.0 the firmware restores its built-in key when the slot is erased).");
            return new ServerKeyFinding(KeyCondition.Missing, null, null, null, null, null);
        }
        if (ServerKeys.PublicKeyOf(slot, slots.Ec) is not { } der)
        {
            notes.Add($"The server public key slot holds bytes that are not an {algorithm} public key: the device cannot verify the cloud.");
            return new ServerKeyFinding(KeyCondition.Corrupt, null, null, null, null, null);
        }
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(der));
        if (der.AsSpan().SequenceEqual(CloudKeys.Published.KeyFor(platform)))
            return new ServerKeyFinding(KeyCondition.Valid, algorithm, true, null, null, fingerprint);

        var address = Address(slot[slots.ServerAddress..slots.ServerPort]);
        var port = BinaryPrimitives.ReadUInt16BigEndian(slot[slots.ServerPort..]);
        int? explicitPort = port == ServerKeys.DefaultPort ? null : port;
        notes.Add($"The server key is not the Particle cloud's: it points to a private cloud at {address ?? "an address the slot does not name"}"
            + (explicitPort is { } p ? $", port {p}." : "."));
        return new ServerKeyFinding(KeyCondition.Valid, algorithm, false, address, explicitPort, fingerprint);
    }

    private static string? Address(ReadOnlySpan<byte> field) => field[0] switch
    {
        ServerKeys.AddressIsIpv4 => $"{field[1]}.{field[2]}.{field[3]}.{field[4]}",
        ServerKeys.AddressIsDomain when field[1] > 0 && field[1] <= field.Length - 2 && IsPrintableAscii(field.Slice(2, field[1])) =>
            Encoding.ASCII.GetString(field.Slice(2, field[1])),
        _ => null,
    };

    private static bool IsPrintableAscii(ReadOnlySpan<byte> name) => !name.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E);
}
