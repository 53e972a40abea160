using System.Security.Cryptography;
using PhotonSupport.Domain.Backups;
using PhotonSupport.Domain.Devices;
using static PhotonSupport.Domain.Jobs.RecoveryJobKind;
using static PhotonSupport.Domain.Tests.BackupImages;

namespace PhotonSupport.Domain.Tests;

/// <summary>
/// Forensics of images built here from particle-facts.md's numbers (DCT copies at 0x4000 and 0x8000, device
/// key at section+34, stored public key at +1250, server key at +2082, EC keys at +3106 and +3298; Core
/// external flash slots at 0x1000 and 0x2000), behind a 0x200-byte header the code cannot know.
/// </summary>
public class BackupForensicsSpecs
{
    private static readonly TestKey Device = Rsa1024("photon device");
    private static readonly TestKey OtherDevice = Rsa1024("another device");
    private static readonly TestKey PrivateCloud = Rsa2048("private cloud");
    private static readonly TestKey ElectronDevice = P256("electron device");
    private static readonly TestKey ElectronOldDevice = P256("electron device, before keys doctor");

    private static byte[] ParticleCloudKeyDer => LeadingDer(PublishedRsaBlock);

    [Fact]
    public void The_published_cloud_key_the_tests_compare_with_is_particle_facts_own()
    {
        Convert.ToHexStringLower(SHA256.HashData(PublishedRsaBlock)).ShouldBe("2a1c82fb5f28fe1ba95b4af966aca326eb22398b977fa2540233dbe703fddb16");
        PublishedRsaBlock.Length.ShouldBe(512);
    }

    [Fact]
    public void A_healthy_Photon_DCT_behind_an_unknown_header_holds_the_Particle_cloud_key_and_a_device_key()
    {
        var image = Photon(Device.PrivateDer, Device.PublicDer, PublishedRsaBlock);

        var findings = BackupForensics.Analyze(Platform.Photon, image);

        findings.KeyArea.ShouldBe("DCT copy 1 at 0x4000");
        findings.ServerKey.ShouldBe(new ServerKeyFinding(KeyCondition.Valid, "rsa-2048", true, null, null,
            Convert.ToHexStringLower(SHA256.HashData(ParticleCloudKeyDer))));
        findings.DeviceKey.ShouldBe(new DeviceKeyFinding(KeyCondition.Valid, "rsa-1024", Device.Sha256, true));
        findings.HoldsDeviceKey.ShouldBeTrue();
        findings.Notes.ShouldBeEmpty();
        BackupForensics.Diagnosis(findings).ShouldBeNull();
    }

    [Fact]
    public void The_device_key_fingerprint_is_the_one_the_desk_shows_for_the_PEM_the_bench_reports()
    {
        var image = Photon(Device.PrivateDer, Device.PublicDer, PublishedRsaBlock);
        var pem = new string(PemEncoding.Write("PUBLIC KEY", Device.PublicDer)) + "\n";

        BackupForensics.Analyze(Platform.Photon, image).DeviceKey.PublicKeyFingerprint.ShouldBe(PublicKeys.Fingerprint(pem));
    }

    [Fact]
    public void An_erased_server_key_slot_is_missing_and_restoring_it_is_the_plan()
    {
        var image = Photon(Device.PrivateDer, Device.PublicDer, serverBlock: null);

        var findings = BackupForensics.Analyze(Platform.Photon, image);

        findings.KeyArea.ShouldBe("DCT copy 1 at 0x4000");
        findings.ServerKey.Condition.ShouldBe(KeyCondition.Missing);
        findings.DeviceKey.Condition.ShouldBe(KeyCondition.Valid);
        findings.Notes.ShouldContain(n => n.Contains("server public key slot is erased") && n.Contains("0.7.0"));
        BackupForensics.Diagnosis(findings).ShouldCallFor("server public key missing", RestoreServerKey);
    }

    [Fact]
    public void A_truncated_device_key_is_corrupt_not_missing()
    {
        var truncated = Device.PrivateDer[..200];

        var findings = BackupForensics.Analyze(Platform.Photon, Photon(truncated, Device.PublicDer, PublishedRsaBlock));

        findings.DeviceKey.ShouldBe(new DeviceKeyFinding(KeyCondition.Corrupt, null, null, null));
        findings.HoldsDeviceKey.ShouldBeFalse();
        BackupForensics.Diagnosis(findings).ShouldCallFor("device private key corrupt", RegenerateDeviceKeys);
    }

    [Fact]
    public void A_truncated_device_key_beside_an_erased_server_key_is_still_read_as_a_DCT()
    {
        var findings = BackupForensics.Analyze(Platform.Photon, Photon(Device.PrivateDer[..200], storedPublicKey: null, serverBlock: null));

        findings.KeyArea.ShouldBe("DCT copy 1 at 0x4000");
        findings.ServerKey.Condition.ShouldBe(KeyCondition.Missing);
        findings.DeviceKey.Condition.ShouldBe(KeyCondition.Corrupt);
        BackupForensics.Diagnosis(findings).ShouldCallFor("server public key missing and device private key corrupt", RestoreServerKey, RegenerateDeviceKeys);
    }

    [Fact]
    public void An_erased_device_key_is_missing_and_found_by_the_server_key_alone()
    {
        var findings = BackupForensics.Analyze(Platform.Photon, Photon(deviceKey: null, storedPublicKey: null, PublishedRsaBlock));

        findings.KeyArea.ShouldBe("DCT copy 1 at 0x4000");
        findings.ServerKey.ParticleCloud.ShouldBe(true);
        findings.DeviceKey.ShouldBe(new DeviceKeyFinding(KeyCondition.Missing, null, null, null));
        BackupForensics.Diagnosis(findings).ShouldCallFor("device private key missing", RegenerateDeviceKeys);
    }

    [Fact]
    public void A_device_key_whose_primes_were_damaged_is_corrupt_though_it_parses()
    {
        var damaged = Device.PrivateDer.ToArray();
        damaged[300] ^= 0x01; // inside the primes: still DER, no longer a key

        BackupForensics.Analyze(Platform.Photon, Photon(damaged, Device.PublicDer, PublishedRsaBlock)).DeviceKey.Condition.ShouldBe(KeyCondition.Corrupt);
    }

    [Fact]
    public void A_server_key_slot_holding_a_P256_key_is_corrupt_on_a_Photon()
    {
        var block = Erased(512);
        LeadingDer(PublishedEcBlock).CopyTo(block, 0);

        BackupForensics.Analyze(Platform.Photon, Photon(Device.PrivateDer, Device.PublicDer, block)).ServerKey.Condition.ShouldBe(KeyCondition.Corrupt);
    }

    [Fact]
    public void A_private_cloud_named_by_domain_on_the_default_port_is_valid_and_reported()
    {
        var block = ServerBlock(PrivateCloud.PublicDer, 512, 384, 450, "cloud.example.net", port: null);

        var findings = BackupForensics.Analyze(Platform.Photon, Photon(Device.PrivateDer, Device.PublicDer, block));

        findings.ServerKey.ShouldBe(new ServerKeyFinding(KeyCondition.Valid, "rsa-2048", false, "cloud.example.net", null, PrivateCloud.Sha256));
        findings.Notes.ShouldContain("The server key is not the Particle cloud's: it points to a private cloud at cloud.example.net.");
        BackupForensics.Diagnosis(findings).ShouldBeNull();
    }

    [Fact]
    public void A_private_cloud_named_by_IPv4_address_and_port_is_reported_with_both()
    {
        var block = ServerBlock(PrivateCloud.PublicDer, 512, 384, 450, "192.0.2.10", port: 5700);

        var findings = BackupForensics.Analyze(Platform.P1, Photon(Device.PrivateDer, Device.PublicDer, block));

        findings.ServerKey.ShouldBe(new ServerKeyFinding(KeyCondition.Valid, "rsa-2048", false, "192.0.2.10", 5700, PrivateCloud.Sha256));
        findings.Notes.ShouldContain(n => n.Contains("private cloud at 192.0.2.10, port 5700"));
    }

    [Fact]
    public void When_copy_1_is_erased_the_keys_are_read_from_copy_2()
    {
        var findings = BackupForensics.Analyze(Platform.Photon, Photon(Device.PrivateDer, Device.PublicDer, PublishedRsaBlock, copy: 0x8000));

        findings.KeyArea.ShouldBe("DCT copy 2 at 0x8000");
        findings.DeviceKey.PublicKeyFingerprint.ShouldBe(Device.Sha256);
    }

    [Fact]
    public void A_stored_public_key_of_another_device_does_not_match_and_the_keys_are_regenerated()
    {
        var findings = BackupForensics.Analyze(Platform.Photon, Photon(Device.PrivateDer, OtherDevice.PublicDer, PublishedRsaBlock));

        findings.DeviceKey.ShouldBe(new DeviceKeyFinding(KeyCondition.Valid, "rsa-1024", Device.Sha256, false));
        BackupForensics.Diagnosis(findings).ShouldCallFor("device public key does not match its private key", RegenerateDeviceKeys);
    }

    [Fact]
    public void A_stored_public_key_in_PKCS1_form_is_compared_by_modulus_and_exponent()
    {
        BackupForensics.Analyze(Platform.Photon, Photon(Device.PrivateDer, Device.Pkcs1PublicDer, PublishedRsaBlock))
            .DeviceKey.StoredPublicKeyMatches.ShouldBe(true);
        BackupForensics.Analyze(Platform.Photon, Photon(Device.PrivateDer, OtherDevice.Pkcs1PublicDer, PublishedRsaBlock))
            .DeviceKey.StoredPublicKeyMatches.ShouldBe(false);
    }

    [Fact]
    public void An_erased_stored_public_key_is_no_verdict()
    {
        BackupForensics.Analyze(Platform.Photon, Photon(Device.PrivateDer, storedPublicKey: null, PublishedRsaBlock))
            .DeviceKey.StoredPublicKeyMatches.ShouldBeNull();
    }

    [Fact]
    public void An_Electron_reads_its_EC_keys_from_the_sealed_DCD_copy_not_the_retired_one()
    {
        var image = Gen2Image();
        ElectronCopy(image, 0x4000, 0x69A00C00, ElectronOldDevice.PrivateDer, PublishedEcBlock);
        ElectronCopy(image, 0x8000, 0xEDA15E00, ElectronDevice.PrivateDer, PublishedEcBlock);

        var findings = BackupForensics.Analyze(Platform.Electron, image);

        findings.KeyArea.ShouldBe("DCT copy 2 at 0x8000");
        findings.ServerKey.ShouldBe(new ServerKeyFinding(KeyCondition.Valid, "ec-p256", true, null, null,
            Convert.ToHexStringLower(SHA256.HashData(LeadingDer(PublishedEcBlock)))));
        findings.DeviceKey.ShouldBe(new DeviceKeyFinding(KeyCondition.Valid, "ec-p256", ElectronDevice.Sha256, null));
    }

    [Fact]
    public void An_Electron_pointed_at_a_private_UDP_cloud_names_its_address_and_port()
    {
        var image = Gen2Image();
        var cloud = P256("private udp cloud");
        ElectronCopy(image, 0x4000, 0xEDA15E00, ElectronDevice.PrivateDer, ServerBlock(cloud.PublicDer, 320, 192, 258, "udp.example.net", 5690));

        BackupForensics.Analyze(Platform.Electron, image).ServerKey
            .ShouldBe(new ServerKeyFinding(KeyCondition.Valid, "ec-p256", false, "udp.example.net", 5690, cloud.Sha256));
    }

    [Fact]
    public void A_sealed_Electron_DCD_with_both_keys_erased_reports_them_missing()
    {
        var image = Gen2Image();
        ElectronCopy(image, 0x4000, 0xEDA15E00, Erased(192), Erased(320));

        var findings = BackupForensics.Analyze(Platform.Electron, image);

        findings.KeyArea.ShouldBe("DCT copy 1 at 0x4000");
        findings.ServerKey.Condition.ShouldBe(KeyCondition.Missing);
        findings.DeviceKey.Condition.ShouldBe(KeyCondition.Missing);
    }

    [Theory]
    [InlineData(Platform.Photon, 1)]
    [InlineData(Platform.P1, 2)]
    [InlineData(Platform.Electron, 3)]
    [InlineData(Platform.Core, 4)]
    public void Random_bytes_classify_as_corrupt_without_throwing(Platform platform, int seed)
    {
        var image = new byte[platform == Platform.Core ? 0x220000 : 0x100000];
        new Random(seed).NextBytes(image);

        var findings = BackupForensics.Analyze(platform, image);

        findings.ServerKey.Condition.ShouldBe(KeyCondition.Corrupt);
        findings.DeviceKey.Condition.ShouldBe(KeyCondition.Corrupt);
        findings.KeyArea.ShouldBe(platform == Platform.Core ? "external flash" : null);
        if (platform != Platform.Core)
        {
            findings.Notes.ShouldContain(n => n.StartsWith("No DCT was recognised"));
            BackupForensics.Diagnosis(findings).ShouldBeNull();
        }
    }

    [Fact]
    public void Key_shaped_noise_in_every_slot_classifies_without_throwing()
    {
        var random = new Random(11);
        for (var round = 0; round < 100; round++)
        {
            var deviceKey = Device.PrivateDer.ToArray();
            random.NextBytes(deviceKey.AsSpan(10 + random.Next(deviceKey.Length - 10)));
            var server = PublishedRsaBlock;
            random.NextBytes(server.AsSpan(17 + random.Next(200)));
            var stored = Device.PublicDer.ToArray();
            random.NextBytes(stored.AsSpan(2 + random.Next(stored.Length - 2)));

            var findings = BackupForensics.Analyze(Platform.Photon, Photon(deviceKey, stored, server));

            findings.KeyArea.ShouldBe("DCT copy 1 at 0x4000");
        }
    }

    [Fact]
    public void An_image_of_erased_flash_holds_no_keys()
    {
        var findings = BackupForensics.Analyze(Platform.Photon, Erased(0x100000));

        findings.KeyArea.ShouldBeNull();
        findings.ServerKey.Condition.ShouldBe(KeyCondition.Missing);
        findings.DeviceKey.Condition.ShouldBe(KeyCondition.Missing);
        findings.HoldsDeviceKey.ShouldBeFalse();
        findings.Notes.ShouldContain(n => n.Contains("Both DCT copies are erased"));
    }

    [Fact]
    public void A_Core_external_flash_backup_holds_the_Particle_cloud_key_and_the_device_key()
    {
        var findings = BackupForensics.Analyze(Platform.Core, CoreExternal(Device.PrivateDer, CoreParticleSlot()));

        findings.KeyArea.ShouldBe("external flash");
        findings.ServerKey.ShouldBe(new ServerKeyFinding(KeyCondition.Valid, "rsa-2048", true, null, null,
            Convert.ToHexStringLower(SHA256.HashData(ParticleCloudKeyDer))));
        findings.DeviceKey.ShouldBe(new DeviceKeyFinding(KeyCondition.Valid, "rsa-1024", Device.Sha256, null));
    }

    [Fact]
    public void A_Core_bench_backup_reads_the_keys_after_the_internal_flash()
    {
        var internalFlash = new byte[0x20000];
        new Random(3).NextBytes(internalFlash);
        byte[] image = [.. internalFlash, .. CoreExternal(Device.PrivateDer, serverBlock: null)];

        var findings = BackupForensics.Analyze(Platform.Core, image);

        image.Length.ShouldBe(2_228_224);
        findings.KeyArea.ShouldBe("external flash");
        findings.ServerKey.Condition.ShouldBe(KeyCondition.Missing);
        findings.DeviceKey.PublicKeyFingerprint.ShouldBe(Device.Sha256);
    }

    [Fact]
    public void A_Core_internal_flash_backup_holds_no_keys_and_says_where_they_are()
    {
        var findings = BackupForensics.Analyze(Platform.Core, new byte[0x20000]);

        findings.KeyArea.ShouldBeNull();
        findings.ServerKey.Condition.ShouldBe(KeyCondition.Missing);
        findings.DeviceKey.Condition.ShouldBe(KeyCondition.Missing);
        findings.Notes.ShouldBe(["The image is internal flash only: a Core keeps its keys in external flash."]);
        BackupForensics.Diagnosis(findings).ShouldBeNull();
    }

    [Fact]
    public void An_image_of_the_wrong_size_is_a_finding_not_an_exception()
    {
        var findings = BackupForensics.Analyze(Platform.Photon, new byte[1000]);

        findings.KeyArea.ShouldBeNull();
        findings.ServerKey.Condition.ShouldBe(KeyCondition.Corrupt);
        findings.Notes.ShouldContain(n => n.Contains("not a Photon backup"));
    }

    // The Core's published slot: the key DER, 0xFF to 2048 bytes, device.spark.io at +384 (particle-facts.md).
    private static byte[] CoreParticleSlot() => ServerBlock(ParticleCloudKeyDer, 2048, 384, 450, "device.spark.io", null);
}
