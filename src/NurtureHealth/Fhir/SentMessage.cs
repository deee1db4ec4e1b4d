using NurtureHealth.Touches;

namespace NurtureHealth.Fhir;

/// <summary>A sent touch as written back: what, when, on which channel, to whom — never its content.</summary>
/// <param name="Identifier">NurtureHealth's id for this write (<see cref="WriteBackRecord.Identifier"/>).</param>
/// <param name="Channel">email or sms.</param>
/// <param name="SentAt">When the channel accepted it.</param>
/// <param name="ProviderMessageId">The email's Message-ID or the SMS's Twilio SID, when the sender gave one.</param>
/// <param name="SequenceId">The sequence.</param>
/// <param name="StepId">The step of the sequence.</param>
/// <param name="Patient">The FHIR Patient: <c>Patient/123</c>.</param>
/// <param name="ServiceRequestId">The ServiceRequest the lead came from, when it did.</param>
public sealed record SentMessage(string Identifier, Channel Channel, DateTimeOffset SentAt, string? ProviderMessageId, string SequenceId, string StepId,
    string Patient, string? ServiceRequestId);
