using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using NurtureHealth.Fhir;

using NurtureHealth.Touches;

namespace NurtureHealth.Tests.Fhir;

public sealed class WriteBackMapperTests
{
    private static readonly FhirWriteBackOptions Options = new() { Organization = "org-lakeshore" };
    private static readonly FhirJsonSerializer Json = new();

    [Fact]
    public void ToCommunication_SentEmail_IsACompletedEmailToThePatientWithItsMessageIdAndOwnId()
    {
        var sent = new DateTimeOffset(2026, 11, 23, 15, 0, 12, TimeSpan.Zero);

        var communication = WriteBackMapper.ToCommunication(
            new SentMessage("7d9c3f0e-1111-4222-8333-444455556666", Channel.Email, sent, "<touch-41@lakeshorehealth.example>", "skin-guide", "guide",
                "Patient/p-7", "sr-9"), Options);

        Assert.Equal(EventStatus.Completed, communication.Status);
        var medium = Assert.Single(Assert.Single(communication.Medium).Coding);
        Assert.Equal(("http://terminology.hl7.org/CodeSystem/v3-ParticipationMode", "EMAILWRIT"), (medium.System, medium.Code));
        Assert.Equal("Patient/p-7", communication.Subject!.Reference);
        Assert.Equal("Patient/p-7", Assert.Single(communication.Recipient).Reference);
        Assert.Equal(sent, new FhirDateTime(communication.Sent).ToDateTimeOffset(TimeSpan.Zero));
        Assert.Equal(
            [("https://nurturehealth.example/fhir/write-back", "7d9c3f0e-1111-4222-8333-444455556666"), ("urn:ietf:rfc:5322", "<touch-41@lakeshorehealth.example>")],
            communication.Identifier.Select(i => (i.System, i.Value)).ToList());
        Assert.Equal("Organization/org-lakeshore", communication.Sender!.Reference); // R4: a sender may be an Organization, not a Location
        Assert.Equal("ServiceRequest/sr-9", Assert.Single(communication.BasedOn).Reference);
        Assert.Equal("skin-guide/guide", Assert.Single(communication.Topic!.Coding).Code);
        Assert.Empty(communication.Payload);
        Assert.Empty(communication.Note);
        Assert.Empty(R4Validation.Errors(communication));
    }

    [Fact]
    public void Validator_ALocationAsSenderOrOwner_IsWhatAStrictServerRefuses()
    {
        // The validator these tests trust must catch what the first version wrote.
        var communication = new Communication { Status = EventStatus.Completed, Sender = new ResourceReference("Location/loc-lp") };
        var task = new Hl7.Fhir.Model.Task { Status = Hl7.Fhir.Model.Task.TaskStatus.Requested, Intent = Hl7.Fhir.Model.Task.TaskIntent.Order, Owner = new ResourceReference("Location/loc-lp") };

        Assert.Contains(R4Validation.Errors(communication), e => e.Contains("'Location', which is not one of the allowed target types", StringComparison.Ordinal));
        Assert.Contains(R4Validation.Errors(task), e => e.Contains("'Location', which is not one of the allowed target types", StringComparison.Ordinal));
    }

    [Fact]
    public void ToCommunication_SentSms_IsSmsWritWithTheTwilioSidInItsConfiguredSystem()
    {
        var options = new FhirWriteBackOptions { SmsIdentifierSystem = "https://api.twilio.com/2010-04-01/Messages" };

        var communication = WriteBackMapper.ToCommunication(
            new SentMessage("id-1", Channel.Sms, Some.Now, "SM0123456789abcdef0123456789abcdef", "ad-click-quick", "hello", "Patient/p-1", null), options);

        Assert.Equal("SMSWRIT", Assert.Single(Assert.Single(communication.Medium).Coding).Code);
        Assert.Contains(communication.Identifier, i => i.System == "https://api.twilio.com/2010-04-01/Messages" && i.Value == "SM0123456789abcdef0123456789abcdef");
        Assert.Null(communication.Sender); // no Organization configured
        Assert.Empty(communication.BasedOn);
        Assert.Empty(R4Validation.Errors(communication));
    }

    [Fact]
    public void ToCommunication_SenderGaveNoMessageId_CarriesOnlyItsOwnIdentifier()
    {
        var communication = WriteBackMapper.ToCommunication(new SentMessage("id-2", Channel.Email, Some.Now, null, "skin-guide", "guide", "Patient/p-1", null), Options);

        Assert.Equal("id-2", Assert.Single(communication.Identifier).Value);
    }

    [Fact]
    public void ToTask_SmsReply_IsARequestedOrderForThePatientOwnedByTheGroupAtTheLocation()
    {
        var task = WriteBackMapper.ToTask(new HandOffTask("id-3", NurtureHealth.HandOffs.HandOffReason.SmsReply, "Patient/p-2", "loc-lp", Some.Now), Options);

        Assert.Equal((Hl7.Fhir.Model.Task.TaskStatus.Requested, Hl7.Fhir.Model.Task.TaskIntent.Order), (task.Status, task.Intent));
        Assert.Equal("Patient/p-2", task.For!.Reference);
        Assert.Equal("Organization/org-lakeshore", task.Owner!.Reference); // R4: an owner may be an Organization, not a Location
        Assert.Equal("Location/loc-lp", task.Location!.Reference);
        Assert.Empty(R4Validation.Errors(task));
        Assert.Equal("Patient replied by SMS — please call", task.Description);
        Assert.Equal(("https://nurturehealth.example/fhir/hand-off", "sms-reply"), (task.Code!.Coding[0].System, task.Code!.Coding[0].Code));
        Assert.Equal(("https://nurturehealth.example/fhir/write-back", "id-3"), (task.Identifier[0].System, task.Identifier[0].Value));
        Assert.Equal(Some.Now, new FhirDateTime(task.AuthoredOn).ToDateTimeOffset(TimeSpan.Zero));
    }

    [Fact]
    public void ToTask_HotLeadWithoutOrganizationOrLocationFhirId_SaysWhyAndHasNeitherOwnerNorLocation()
    {
        var task = WriteBackMapper.ToTask(new HandOffTask("id-4", NurtureHealth.HandOffs.HandOffReason.HotLead, "Patient/p-3", null, Some.Now), new FhirWriteBackOptions());

        Assert.Null(task.Owner);
        Assert.Null(task.Location);
        Assert.Equal("Hot lead: clicked to book but has not booked", task.Code!.Text);
        Assert.DoesNotContain("\"owner\"", Json.SerializeToString(task), StringComparison.Ordinal);
        Assert.Empty(R4Validation.Errors(task));
    }

    [Fact]
    public void Condition_IsTheResourcesOwnIdentifier()
    {
        var condition = WriteBackMapper.Condition("id-5", Options);

        var parameter = Assert.Single(condition.Parameters);
        Assert.Equal(("identifier", "https://nurturehealth.example/fhir/write-back|id-5"), (parameter.Item1, parameter.Item2));
    }
}
