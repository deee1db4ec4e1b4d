using NurtureHealth.Touches;

namespace NurtureHealth.Tracking;

/// <summary>An event to record against a contact.</summary>
/// <param name="ContactId">Who.</param>
/// <param name="Type">A <see cref="ContactEventType"/>.</param>
/// <param name="Channel">email, sms, or null for both.</param>
/// <param name="At">When it happened.</param>
/// <param name="Source">Where it came from (events-file, demo, …).</param>
/// <param name="ExternalId">The source's id; recorded once.</param>
/// <param name="TouchId">The touch it answers, when known.</param>
/// <param name="ServiceLine">For a booking: the service line booked, ending only those enrollments; null ends all.</param>
public sealed record NewContactEvent(long ContactId, string Type, Channel? Channel, DateTimeOffset At, string Source, string? ExternalId,
    long? TouchId = null, string? ServiceLine = null);
