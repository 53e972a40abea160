using PhotonSupport.Workers.Mail.Inbound;
using static PhotonSupport.Testing.TestMail;

namespace PhotonSupport.Workers.Tests.Mail;

public class MailTextTests
{
    [Fact]
    public void Quoted_lines_and_everything_from_the_attribution_down_are_not_the_new_text() =>
        MailText.NewText(Parse(Eml("Re: [PS-7] Please send a backup", """
            I ran dfu-util, the file is attached.
            > Please run dfu-util -d 2b04:d006 -a 0
            Still blinks cyan then three red.

            On Sun, 29 Nov 2026 at 20:00, PhotonSupport <support@photonsupport.example> wrote:
            Please send us a backup of the flash.
            """))).ShouldBe("I ran dfu-util, the file is attached.\nStill blinks cyan then three red.");

    [Fact]
    public void An_attribution_wrapped_over_two_lines_is_still_found() =>
        MailText.StripQuoted("Done.\nOn Sun, 29 Nov 2026 at 20:00, PhotonSupport Desk\n<support@photonsupport.example> wrote:\n> old text")
            .ShouldBe("Done.");

    [Fact]
    public void Outlook_original_message_and_below_is_not_the_new_text() =>
        MailText.StripQuoted("Thanks!\n\n-----Original Message-----\nFrom: support\nSubject: backup").ShouldBe("Thanks!");

    [Fact]
    public void An_html_only_mail_gives_its_text_without_the_quoted_blockquote() =>
        MailText.NewText(Parse("""
            From: owner@example.com
            Subject: Re: [PS-3]
            Message-ID: <html-1@mail.example.com>
            MIME-Version: 1.0
            Content-Type: text/html; charset=utf-8

            <html><head><style>p { color: red }</style></head><body><p>It breathes cyan now.</p>
            <blockquote><p>Did the keys help?</p></blockquote></body></html>
            """)).ShouldBe("It breathes cyan now.");

    [Fact]
    public void A_latin1_quoted_printable_body_is_decoded() =>
        MailText.NewText(Parse("""
            From: owner@example.com
            Subject: =?iso-8859-1?Q?Gr=FC=DFe?=
            Message-ID: <latin1-1@mail.example.com>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            Gr=FC=DFe aus M=FCnchen, das Ger=E4t blinkt gr=FCn.
            """)).ShouldBe("Grüße aus München, das Gerät blinkt grün.");

    [Theory]
    [InlineData("windows-1252", "Repair costs =8030?", "Repair costs €30?")]
    [InlineData("x-no-such-charset", "plain ascii survives", "plain ascii survives")]
    public void Windows_and_unknown_charsets_are_read_without_failing(string charset, string quotedPrintable, string text) =>
        MailText.NewText(Parse($"""
            From: owner@example.com
            Subject: charset
            Message-ID: <charset-1@mail.example.com>
            MIME-Version: 1.0
            Content-Type: text/plain; charset={charset}
            Content-Transfer-Encoding: quoted-printable

            {quotedPrintable}
            """)).ShouldBe(text);
}
