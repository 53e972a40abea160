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
    public void A_delivery_status_report_is_a_bounce_even_without_the_null_sender() =>
        MachineMail.Reason(Parse(Bounce("Undelivered Mail Returned to Sender", "bounce-1@mail.example.com", returnPath: "<postmaster@mail.example.com>")))
            .ShouldBe("delivery status report");
}
