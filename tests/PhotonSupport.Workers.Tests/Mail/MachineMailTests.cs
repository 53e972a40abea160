using PhotonSupport.Workers.Mail.Inbound;
using static PhotonSupport.Testing.TestMail;

namespace PhotonSupport.Workers.Tests.Mail;

public class MachineMailTests
{
    [Theory]
    [InlineData("Auto-Submitted: auto-replied", "Auto-Submitted: auto-replied")]
    [InlineData("Auto-Submitted: auto-generated; owner-email=\"x@example.com\"", "Auto-Submitted: auto-generated")]
    [InlineData("Precedence: bulk", "Precedence: bulk")]
    [InlineData("Precedence: JUNK", "Precedence: JUNK")]
    [InlineData("Precedence: list", "Precedence: list")]
    [InlineData("Return-Path: <>", "empty Return-Path")]
    [InlineData("List-Id: <photon.community.example>", "List-Id")]
    public void A_mail_a_program_sent_is_recognised_by_its_headers(string header, string reason) =>
        MachineMail.Reason(Parse(Eml("Out of office", "I am away until Monday.", headers: [header]))).ShouldBe(reason);

    [Fact]
    public void Auto_Submitted_no_is_a_person_writing() =>
        MachineMail.Reason(Parse(Eml("Re: [PS-1] backup", "Here it is.", headers: ["Auto-Submitted: no", "Return-Path: <owner@example.com>"]))).ShouldBeNull();

    [Fact]
    public void A_delivery_status_report_is_a_bounce() =>
        MachineMail.Reason(Parse("""
            From: MAILER-DAEMON@mail.example.com
            To: support@photonsupport.example
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <bounce-1@mail.example.com>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: text/plain

            Your message to owner@example.com could not be delivered.
            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mail.example.com

            Final-Recipient: rfc822; owner@example.com
            Action: failed
            Status: 5.1.1
            --b--
            """)).ShouldBe("delivery status report");
}
