using PhotonSupport.Domain.Tickets;
using PhotonSupport.Workers.Mail.Outbound;

namespace PhotonSupport.Api.Tests;

/// <summary>Composing a mail needs no server: templates and headers, checked with plain values.</summary>
public class ComposingOwnerMail
{
    private static readonly OwnerMailDraft Resolved = new(
        Guid.NewGuid(), "PS-7", OwnerMailKind.Resolved, "owner@example.com", "resolved",
        new Dictionary<string, string> { ["platform"] = "Photon", ["deviceId"] = "3c002b000347343339373536", ["resolution"] = "Keys <b>restored</b> & tested" });

    private static readonly OutboundMailOptions Options = new() { From = "Support <help@desk.example>", ReplyTo = "inbox@desk.example" };

    [Fact]
    public void What_a_person_wrote_is_HTML_encoded_in_the_HTML_part_and_left_as_written_in_the_text()
    {
        var mail = OwnerMailComposer.Compose(Resolved, Guid.NewGuid(), Options, DateTimeOffset.UtcNow);

        mail.Text.ShouldContain("Keys <b>restored</b> & tested", Case.Sensitive);
        mail.Html.ShouldContain("Keys &lt;b&gt;restored&lt;/b&gt; &amp; tested", Case.Sensitive);
        mail.Html.ShouldNotContain("<b>restored</b>", Case.Sensitive);
    }

    [Fact]
    public void Composing_a_mail_again_later_gives_it_the_same_Message_ID_and_the_configured_addresses()
    {
        var cause = Guid.NewGuid();

        var first = OwnerMailComposer.Compose(Resolved, cause, Options, DateTimeOffset.UtcNow);
        var again = OwnerMailComposer.Compose(Resolved, cause, Options, DateTimeOffset.UtcNow.AddHours(1));

        again.MessageId.ShouldBe(first.MessageId);
        first.MessageId.ShouldEndWith("@desk.example");
        first.Subject.ShouldStartWith("[PS-7] ");
        var mime = first.ToMime();
        mime.From.Mailboxes.Single().Address.ShouldBe("help@desk.example");
        mime.ReplyTo.Mailboxes.Single().Address.ShouldBe("inbox@desk.example");
        mime.MessageId.ShouldBe(first.MessageId);
        mime.InReplyTo.ShouldBeNull();
    }
}
