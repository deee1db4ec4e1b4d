using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.HandOffs;

/// <summary>
/// Handing a lead to the location's staff (<c>Nurture:HandOff</c>): when their score crosses <see cref="AtScore"/>, or
/// <see cref="HotLeadAfter"/> passes after a booking-link click with no booking. (A reply by SMS always hands off.)
/// </summary>
public sealed class HandOffOptions
{
    /// <summary>The score that hands a lead to staff; empty to never hand off on score (default 60).</summary>
    [Range(1, 10_000, ErrorMessage = "Nurture:HandOff:AtScore must be between 1 and 10000.")]
    public double? AtScore { get; set; } = 60;

    /// <summary>How long after a booking-link click with no booking the lead is handed off; empty for never (default 1 day).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Nurture:HandOff:HotLeadAfter must be between 00:01:00 and 30.00:00:00.")]
    public TimeSpan? HotLeadAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// What happens to the sequence: <c>continue</c> (default: staff are told and the messages go on until the patient
    /// books, so nobody is left waiting on a call that does not come), <c>pause</c> (nothing automatic goes out), or
    /// <c>sequence:ID</c> (the lead moves to that hand-off sequence, e.g. a short "we'll call you" series).
    /// </summary>
    [RegularExpression("^(pause|continue|sequence:[a-z0-9][a-z0-9-]*)$", ErrorMessage = "Nurture:HandOff:Then must be pause, continue or sequence:<id>.")]
    public string Then { get; set; } = "continue";

    /// <summary>The hand-off sequence, when <see cref="Then"/> names one.</summary>
    public string? Sequence => Then.StartsWith("sequence:", StringComparison.Ordinal) ? Then["sequence:".Length..] : null;
}
