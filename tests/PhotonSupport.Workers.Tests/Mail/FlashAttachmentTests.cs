using PhotonSupport.Domain.Devices;
using PhotonSupport.Workers.Mail.Inbound;
using static PhotonSupport.Testing.TestMail;

namespace PhotonSupport.Workers.Tests.Mail;

public class FlashAttachmentTests
{
    private const string DeviceId = "3c002b000347343339373536";

    /// <summary>A mail with a short text part, then <paramref name="parts"/> (each opened by "--b").</summary>
    private static MimeKit.MimeMessage WithParts(string parts) => Parse($"""
        From: owner@example.com
        Subject: backup
        Message-ID: <{Guid.NewGuid():N}@mail.example.com>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b"

        --b
        Content-Type: text/plain

        see attached
        --b
        {parts}
        --b--
        """);

    [Fact]
    public void A_backup_attachment_comes_out_whole_under_its_name_and_names_its_platform()
    {
        var image = Image(1_048_576);

        var found = FlashAttachment.In(Parse(Eml("backup", "attached", attachments: ($"PHOTON_backup_{DeviceId}.bin", image)))).ShouldHaveSingleItem();

        found.FileName.ShouldBe($"PHOTON_backup_{DeviceId}.bin");
        found.Bytes.ShouldBe(image);
        found.Platform.ShouldBe(Platform.Photon);
    }

    [Theory]
    [InlineData("ELECTRON_backup_x.bin", 1_048_576, Platform.Electron)]
    [InlineData("P1_backup_x.bin", 1_048_576, Platform.P1)]
    [InlineData("dump.bin", 131_072, Platform.Core)]
    [InlineData("dump.bin", 2_228_224, Platform.Core)]
    [InlineData("dump.bin", 1_048_576, null)]
    [InlineData("dump.bin", 1000, null)]
    public void The_platform_comes_from_the_name_prefix_or_a_size_only_one_platform_has(string fileName, int size, Platform? platform) =>
        new FlashAttachment(fileName, new byte[size]).Platform.ShouldBe(platform);

    [Fact]
    public void An_RFC_2231_encoded_file_name_is_decoded()
    {
        var found = FlashAttachment.In(WithParts("""
            Content-Type: application/octet-stream
            Content-Disposition: attachment;
             filename*0*=utf-8''PHOTON_backup_3c002b000347343339373536_%C3%BC;
             filename*1*=.bin
            Content-Transfer-Encoding: base64

            AAEC
            """)).ShouldHaveSingleItem();

        found.FileName.ShouldBe("PHOTON_backup_3c002b000347343339373536_ü.bin");
        found.Bytes.ShouldBe(new byte[] { 0, 1, 2 });
    }

    [Fact]
    public void Text_and_images_are_not_flash_images() =>
        FlashAttachment.In(WithParts("""
            Content-Type: image/jpeg
            Content-Disposition: attachment; filename="led.jpg"
            Content-Transfer-Encoding: base64

            /9j/4AAQ
            --b
            Content-Type: text/plain
            Content-Disposition: attachment; filename="log.txt"

            dfu-util output
            """)).ShouldBeEmpty();

    [Fact]
    public void A_damaged_winmail_dat_yields_no_attachment_and_no_exception() =>
        FlashAttachment.In(WithParts("""
            Content-Type: application/ms-tnef; name="winmail.dat"
            Content-Disposition: attachment; filename="winmail.dat"
            Content-Transfer-Encoding: base64

            eJ8+IgAAAAAAAAAAAAAA
            """)).ShouldBeEmpty();

    [Fact]
    public void A_backup_inside_Outlooks_winmail_dat_is_found_under_its_own_name()
    {
        var image = Image(4096, seed: 3);

        var found = FlashAttachment.In(WithParts($"""
            Content-Type: application/ms-tnef; name="winmail.dat"
            Content-Disposition: attachment; filename="winmail.dat"
            Content-Transfer-Encoding: base64

            {Convert.ToBase64String(Tnef.WithAttachment($"PHOTON_backup_{DeviceId}.bin", image), Base64FormattingOptions.InsertLineBreaks)}
            """)).ShouldHaveSingleItem();

        found.FileName.ShouldBe($"PHOTON_backup_{DeviceId}.bin");
        found.Bytes.ShouldBe(image);
    }
}
