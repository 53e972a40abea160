using System.Security.Cryptography;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.Domain.Tests;

/// <summary>The cloud keys ship inside the Domain assembly; these pin them to what Particle publishes.</summary>
public class PublishedCloudKeysTests
{
    // An RSA-2048 SubjectPublicKeyInfo and a P-256 one begin with these bytes (X.509 / RFC 5480 encodings).
    private static readonly byte[] Rsa2048Prefix = Convert.FromHexString("30820122300d06092a864886f70d0101010500");
    private static readonly byte[] P256Prefix = Convert.FromHexString("3059301306072a8648ce3d020106082a8648ce3d030107034200");

    [Fact]
    public void The_RSA_key_is_the_file_particle_cli_publishes()
    {
        var rsa = CloudKeys.Published.RsaSlot;

        rsa.Length.ShouldBe(512);
        // The digest particle-facts gives for cloud-rsa.pub.der.
        Convert.ToHexStringLower(SHA256.HashData(rsa)).ShouldBe("2a1c82fb5f28fe1ba95b4af966aca326eb22398b977fa2540233dbe703fddb16");
        rsa[..Rsa2048Prefix.Length].ShouldBe(Rsa2048Prefix);
    }

    [Fact]
    public void The_Core_slot_is_the_RSA_key_padded_to_2048_bytes_with_the_server_name()
    {
        var core = CloudKeys.Published.CoreRsaSlot;

        core.Length.ShouldBe(2048);
        core[..512].ShouldBe(CloudKeys.Published.RsaSlot);
        core.AsSpan(384, 17).ToArray().ShouldBe([1, 15, .. "device.spark.io"u8]);
        core[512..].ShouldAllBe(b => b == 0xFF);
    }

    [Fact]
    public void The_EC_key_is_a_P256_key_in_a_320_byte_block_naming_the_UDP_server()
    {
        var ec = CloudKeys.Published.EcSlot;

        ec.Length.ShouldBe(320);
        ec[..P256Prefix.Length].ShouldBe(P256Prefix);
        // particle-cli's file names the server with a "$id" placeholder the firmware fills in.
        ec.AsSpan(192, 21).ToArray().ShouldBe([1, 19, .. "$id.udp.particle.io"u8]);
        ec.AsSpan(258, 2).ToArray().ShouldBe([0xFF, 0xFF]);
    }

    [Fact]
    public void A_key_whose_digest_differs_from_the_published_one_is_refused()
    {
        var damaged = CloudKeys.Published.RsaSlot.ToArray();
        damaged[100] ^= 1;

        var refusal = Should.Throw<InvalidDataException>(() =>
            CloudKeys.Verified("cloud-rsa.pub.der", damaged, "2a1c82fb5f28fe1ba95b4af966aca326eb22398b977fa2540233dbe703fddb16"));
        refusal.Message.ShouldContain("cloud-rsa.pub.der");
    }
}
