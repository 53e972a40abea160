using System.Security.Cryptography;
using PhotonSupport.BenchAgent.Operations;
using PhotonSupport.BenchAgent.Tests.Dfu;
using PhotonSupport.Domain.Devices;

namespace PhotonSupport.BenchAgent.Tests.Operations;

public class RegenerateDeviceKeysTests
{
    [Theory]
    [MemberData(nameof(OperationMatrix.PlatformsAndScenarios), MemberType = typeof(OperationMatrix))]
    public void The_device_key_slot_holds_the_private_half_of_the_reported_public_key(Platform platform, string scenario)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        var slots = KeySlots.For(platform);

        var pem = Regenerate(bench, platform);

        var slot = bench.Device.Memory(1).Read(slots.DevicePrivateKey, slots.DevicePrivateKeySize);
        var length = DerLength.Of(slot)!.Value;
        slot[length..].ShouldAllBe(b => b == 0xFF);
        PublicHalfOf(slots.Ec, slot[..length]).ShouldBe(PublicKeyDer(pem));
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.AllPlatforms), MemberType = typeof(OperationMatrix))]
    public void The_fingerprint_of_the_reported_key_is_the_SHA_256_of_its_DER(Platform platform)
    {
        using var bench = OperationMatrix.Bench(platform, "healthy");

        var pem = Regenerate(bench, platform);

        PublicKeys.Fingerprint(pem).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(PublicKeyDer(pem))));
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.PlatformsAndScenarios), MemberType = typeof(OperationMatrix))]
    public void Every_regeneration_makes_a_new_key(Platform platform, string scenario)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        var slots = KeySlots.For(platform);
        var before = bench.Device.Memory(1).Read(slots.DevicePrivateKey, slots.DevicePrivateKeySize);

        var first = Regenerate(bench, platform);
        var second = Regenerate(bench, platform);

        bench.Device.Memory(1).Read(slots.DevicePrivateKey, slots.DevicePrivateKeySize).ShouldNotBe(before);
        second.ShouldNotBe(first);
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.PlatformsAndScenarios), MemberType = typeof(OperationMatrix))]
    public void Once_the_cloud_holds_the_new_key_a_wrong_device_key_no_longer_flashes_orange(Platform platform, string scenario)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        var before = bench.Device.LedPattern;

        var pem = Regenerate(bench, platform);
        bench.Device.CloudKnownPublicKeyDer = PublicKeyDer(pem);

        if (scenario is "healthy" or "wrong-device-key")
            bench.Device.LedPattern.ShouldBe("breathing-cyan");
        else
            bench.Device.LedPattern.ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.AllPlatforms), MemberType = typeof(OperationMatrix))]
    public void Until_the_cloud_holds_the_new_key_the_device_flashes_orange(Platform platform)
    {
        using var bench = OperationMatrix.Bench(platform, "healthy");

        Regenerate(bench, platform);

        bench.Device.LedPattern.ShouldBe("cyan-flash-orange-1");
    }

    [Theory]
    [MemberData(nameof(OperationMatrix.PlatformsAndScenarios), MemberType = typeof(OperationMatrix))]
    public void Everything_but_the_device_key_slot_is_unchanged(Platform platform, string scenario)
    {
        using var bench = OperationMatrix.Bench(platform, scenario);
        var slots = KeySlots.For(platform);
        var before = bench.Device.Memory(1).Image();

        Regenerate(bench, platform);

        bench.Device.Memory(1).Image().ShouldDifferOnlyInside(before, slots.DevicePrivateKey, slots.DevicePrivateKeySize);
    }

    private static string Regenerate(SimulatedBench bench, Platform platform) =>
        RecoveryOperations.RegenerateDeviceKeys(bench.Session, platform, null, TestContext.Current.CancellationToken).PublicKeyPem!;

    private static byte[] PublicKeyDer(string pem)
    {
        var fields = PemEncoding.Find(pem);
        pem[fields.Label].ShouldBe("PUBLIC KEY");
        return Convert.FromBase64String(pem[fields.Base64Data]);
    }

    /// <summary>PKCS#1 RSA-1024 on TCP platforms, SEC1 EC P-256 on the Electron; anything else fails here.</summary>
    private static byte[] PublicHalfOf(bool ec, byte[] privateKeyDer)
    {
        if (ec)
        {
            using var key = ECDsa.Create();
            key.ImportECPrivateKey(privateKeyDer, out var read);
            read.ShouldBe(privateKeyDer.Length);
            key.ExportParameters(false).Curve.Oid.Value.ShouldBe(ECCurve.NamedCurves.nistP256.Oid.Value);
            return key.ExportSubjectPublicKeyInfo();
        }
        using var rsa = RSA.Create();
        rsa.ImportRSAPrivateKey(privateKeyDer, out var bytesRead);
        bytesRead.ShouldBe(privateKeyDer.Length);
        rsa.KeySize.ShouldBe(1024);
        return rsa.ExportSubjectPublicKeyInfo();
    }
}
