using NurtureHealth.Templates;

namespace NurtureHealth.Messaging;

/// <summary>An SMS ready to go.</summary>
/// <param name="TouchId">The touch this message is.</param>
/// <param name="To">The patient's number, E.164.</param>
/// <param name="From">The location's number, E.164.</param>
/// <param name="Body">The text.</param>
/// <param name="Size">Its encoding and parts.</param>
/// <param name="MessagingServiceSid">The location's Twilio Messaging Service, when it sends through one instead of <paramref name="From"/>.</param>
public sealed record OutgoingSms(long TouchId, string To, string From, string Body, SmsSize Size, string? MessagingServiceSid = null);
