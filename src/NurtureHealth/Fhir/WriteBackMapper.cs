using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using NurtureHealth.Touches;

namespace NurtureHealth.Fhir;

/// <summary>
/// Maps what NurtureHealth did to FHIR R4 resources: a sent touch to a Communication, a hand-off to a Task.
/// </summary>
/// <remarks>
/// HIPAA minimum necessary: no payload, note, subject line or template text — the EHR learns that a message went,
/// when, by which medium and under which sender id, not what it said. A Task names why staff should call, never
/// what the patient wrote.
/// </remarks>
public static class WriteBackMapper
{
    /// <summary>HL7 v3 ParticipationMode: the medium of a Communication.</summary>
    public const string ParticipationMode = "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode";

    /// <summary>The code system of a Communication's topic: <c>sequence-id/step-id</c>.</summary>
    public const string SequenceStepSystem = "https://nurturehealth.example/fhir/sequence-step";

    /// <summary>The code system of a Task's code: <see cref="HandOffs.HandOffReason"/>.</summary>
    public const string HandOffSystem = "https://nurturehealth.example/fhir/hand-off";

    /// <summary>What a Task says, by reason.</summary>
    public static string Describe(string reason) => reason switch
    {
        HandOffs.HandOffReason.SmsReply => "Patient replied by SMS — please call",
        HandOffs.HandOffReason.HotLead => "Hot lead: clicked to book but has not booked",
        HandOffs.HandOffReason.Score => "Hot lead: engaged enough to call now",
        HandOffs.HandOffReason.Reschedule => "Patient asked by text to reschedule their appointment — please call",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a hand-off reason"),
    };

    /// <summary>The Communication for a sent touch: completed, its medium, the Patient, when, the group as sender, and its identifiers.</summary>
    public static Communication ToCommunication(SentMessage message, FhirWriteBackOptions options)
    {
        var sms = message.Channel == Channel.Sms;
        var communication = new Communication
        {
            Identifier = [new Identifier(options.IdentifierSystem, message.Identifier)],
            Status = EventStatus.Completed,
            Medium = [new CodeableConcept(ParticipationMode, sms ? "SMSWRIT" : "EMAILWRIT", sms ? "SMS message" : "email", null)],
            Subject = new ResourceReference(message.Patient),
            Recipient = [new ResourceReference(message.Patient)],
            SentElement = new FhirDateTime(message.SentAt.ToUniversalTime()),
            Topic = new CodeableConcept(SequenceStepSystem, $"{message.SequenceId}/{message.StepId}", null, $"Nurture sequence {message.SequenceId}, step {message.StepId}"),
        };
        if (!string.IsNullOrEmpty(message.ProviderMessageId))
        {
            communication.Identifier.Add(new Identifier(sms ? options.SmsIdentifierSystem : options.EmailIdentifierSystem, message.ProviderMessageId));
        }

        // R4 lets a Communication's sender be an Organization, never a Location: the group's Organization sends.
        if (Sender(options) is { } sender)
        {
            communication.Sender = sender;
        }

        if (message.ServiceRequestId is { } request)
        {
            communication.BasedOn = [new ResourceReference($"ServiceRequest/{request}")];
        }

        return communication;
    }

    /// <summary>The Task for a hand-off: requested, an order for the group's staff at the location, for the Patient, saying why.</summary>
    public static Hl7.Fhir.Model.Task ToTask(HandOffTask handOff, FhirWriteBackOptions options)
    {
        var why = Describe(handOff.Reason);
        var task = new Hl7.Fhir.Model.Task
        {
            Identifier = [new Identifier(options.IdentifierSystem, handOff.Identifier)],
            Status = Hl7.Fhir.Model.Task.TaskStatus.Requested,
            Intent = Hl7.Fhir.Model.Task.TaskIntent.Order,
            Code = new CodeableConcept(HandOffSystem, handOff.Reason, why, why),
            Description = why,
            For = new ResourceReference(handOff.Patient),
            AuthoredOnElement = new FhirDateTime(handOff.At.ToUniversalTime()),
        };
        // R4 lets a Task's owner be an Organization, never a Location; the location goes where R4 puts it, Task.location.
        if (Sender(options) is { } owner)
        {
            task.Owner = owner;
        }

        if (handOff.LocationFhirId is { } location)
        {
            task.Location = new ResourceReference($"Location/{location}");
        }

        return task;
    }

    private static ResourceReference? Sender(FhirWriteBackOptions options) =>
        string.IsNullOrWhiteSpace(options.Organization) ? null : new ResourceReference($"Organization/{options.Organization.Trim()}");

    /// <summary>The conditional-create condition: the resource's own identifier.</summary>
    public static SearchParams Condition(string identifier, FhirWriteBackOptions options) =>
        new SearchParams().Where($"identifier={options.IdentifierSystem}|{identifier}");
}
