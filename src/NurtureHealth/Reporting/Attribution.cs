namespace NurtureHealth.Reporting;

/// <summary>How many bookings each step or source is credited with.</summary>
/// <param name="FirstTouch">By the first message the patient was sent (<c>sequence/step</c>).</param>
/// <param name="LastTouch">By the message they last clicked before booking, else the last one sent.</param>
/// <param name="Source">By the lead's source.</param>
public sealed record Attribution(IReadOnlyDictionary<string, int> FirstTouch, IReadOnlyDictionary<string, int> LastTouch, IReadOnlyDictionary<string, int> Source);
