using FluentValidation;
using PhotonSupport.Domain.Jobs;
using PhotonSupport.Domain.Tickets;
using static PhotonSupport.Domain.Tests.TicketHistory;

namespace PhotonSupport.Domain.Tests;

public class ValidatorTests
{
    private static readonly OpenTicket ValidReport =
        new(DeviceId, "Photon", "owner@example.com", "cyan blinks then three red", "cyan-flash-red-3", "support");

    private static IEnumerable<string> FailingFields<T>(AbstractValidator<T> validator, T command) =>
        validator.Validate(command).Errors.Select(e => e.PropertyName).Distinct();

    [Fact]
    public void A_complete_report_is_valid() => new OpenTicketValidator().Validate(ValidReport).IsValid.ShouldBeTrue();

    [Fact]
    public void An_upper_case_device_id_is_valid() =>
        new OpenTicketValidator().Validate(ValidReport with { DeviceId = DeviceId.ToUpperInvariant() }).IsValid.ShouldBeTrue();

    [Theory]
    [InlineData("3c002b00034734333937353")]
    [InlineData("3c002b0003473433393735360")]
    [InlineData("3c002b00034734333937353g")]
    [InlineData("")]
    public void A_device_id_that_is_not_24_hex_characters_is_refused(string deviceId) =>
        FailingFields(new OpenTicketValidator(), ValidReport with { DeviceId = deviceId }).ShouldBe(["DeviceId"]);

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("bell\u0007")]
    [InlineData("\u001b[31mred")]
    [InlineData("del\u007f")]
    public void A_symptom_with_a_control_character_is_refused(string symptom) =>
        FailingFields(new OpenTicketValidator(), ValidReport with { Symptom = symptom }).ShouldBe(["Symptom"]);

    [Fact]
    public void A_symptom_with_tabs_and_line_breaks_is_valid() =>
        new OpenTicketValidator().Validate(ValidReport with { Symptom = "cyan blinks\tthen\r\nthree red" }).IsValid.ShouldBeTrue();

    [Fact]
    public void An_unknown_platform_is_refused_by_name()
    {
        var errors = new OpenTicketValidator().Validate(ValidReport with { Platform = "Argon" }).Errors;

        errors.ShouldHaveSingleItem().PropertyName.ShouldBe("Platform");
        errors[0].ErrorMessage.ShouldContain("Core, Photon, P1, Electron");
        errors[0].ErrorMessage.ShouldContain("'Argon'");
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("owner@")]
    [InlineData("owner@example")]
    [InlineData("own er@example.com")]
    [InlineData("a@b@example.com")]
    public void A_malformed_owner_email_is_refused(string email) =>
        FailingFields(new OpenTicketValidator(), ValidReport with { OwnerEmail = email }).ShouldBe(["OwnerEmail"]);

    [Fact]
    public void A_symptom_of_4000_characters_is_accepted_and_4001_refused()
    {
        new OpenTicketValidator().Validate(ValidReport with { Symptom = new string('x', 4000) }).IsValid.ShouldBeTrue();
        FailingFields(new OpenTicketValidator(), ValidReport with { Symptom = new string('x', 4001) }).ShouldBe(["Symptom"]);
    }

    [Fact]
    public void An_unknown_led_pattern_is_refused_with_the_accepted_codes()
    {
        var error = new OpenTicketValidator().Validate(ValidReport with { LedPattern = "purple-rain" }).Errors.ShouldHaveSingleItem();

        error.PropertyName.ShouldBe("LedPattern");
        error.ErrorMessage.ShouldContain("cyan-flash-red-3");
        error.ErrorMessage.ShouldContain("sos-14");
    }

    [Fact]
    public void A_report_without_an_led_pattern_is_valid() =>
        new OpenTicketValidator().Validate(ValidReport with { LedPattern = null }).IsValid.ShouldBeTrue();

    [Fact]
    public void An_expected_version_below_one_is_refused()
    {
        new AddNoteValidator().Validate(new AddNote(TicketId, "hello", 1, "support")).IsValid.ShouldBeTrue();
        FailingFields(new AddNoteValidator(), new AddNote(TicketId, "hello", 0, "support")).ShouldBe(["ExpectedVersion"]);
    }

    [Fact]
    public void A_job_kind_outside_the_catalog_is_refused_and_a_blank_waiver_too()
    {
        var validator = new QueueRecoveryJobValidator();

        validator.Validate(new QueueRecoveryJob(TicketId, Guid.NewGuid(), "flashTinker", null, null, "support")).IsValid.ShouldBeTrue();
        FailingFields(validator, new QueueRecoveryJob(TicketId, Guid.NewGuid(), "ReflowSolder", null, null, "support")).ShouldBe(["Kind"]);
        FailingFields(validator, new QueueRecoveryJob(TicketId, Guid.NewGuid(), "FlashTinker", "  ", null, "support")).ShouldBe(["WaiverReason"]);
    }

    [Fact]
    public void Notes_resolutions_and_reopen_reasons_must_say_something()
    {
        FailingFields(new AddNoteValidator(), new AddNote(TicketId, "", null, "support")).ShouldBe(["Text"]);
        FailingFields(new ResolveTicketValidator(), new ResolveTicket(TicketId, "", null, "support")).ShouldBe(["Resolution"]);
        FailingFields(new ReopenTicketValidator(), new ReopenTicket(TicketId, "", null, "support")).ShouldBe(["Reason"]);
    }

    [Fact]
    public void A_private_cloud_needs_a_public_key_an_address_and_a_restore_server_key_job()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var cloud = new PrivateCloud(rsa.ExportSubjectPublicKeyInfo(), "10.1.2.3", 5683);
        QueueRecoveryJob Job(string kind, PrivateCloud privateCloud) => new(TicketId, Guid.NewGuid(), kind, null, null, "support", privateCloud);
        var validator = new QueueRecoveryJobValidator();

        validator.Validate(Job("RestoreServerKey", cloud)).IsValid.ShouldBeTrue();
        FailingFields(validator, Job("FlashTinker", cloud)).ShouldBe(["PrivateCloud"]);
        FailingFields(validator, Job("RestoreServerKey", cloud with { ServerKey = rsa.ExportRSAPrivateKey() })).ShouldBe(["PrivateCloud.ServerKey"]);
        FailingFields(validator, Job("RestoreServerKey", cloud with { Address = "cloud example.com" })).ShouldBe(["PrivateCloud.Address"]);
        FailingFields(validator, Job("RestoreServerKey", cloud with { Port = 70000 })).ShouldBe(["PrivateCloud.Port"]);
    }
}
