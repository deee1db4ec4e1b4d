using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Scoring;

/// <summary>
/// Lead scoring (<c>Nurture:Scoring</c>): points for fit when a lead enrolls, points for behaviour as events arrive,
/// and decay over time. Every change is recorded with the rule that made it (<c>score_changes</c>).
/// </summary>
public sealed class ScoringOptions
{
    /// <summary>Points by service line asked about (fit), e.g. <c>dental-implants: 20</c>.</summary>
    public Dictionary<string, double> ServiceLines { get; set; } = [];

    /// <summary>Points by lead source (fit), e.g. <c>web-form: 15</c>.</summary>
    public Dictionary<string, double> Sources { get; set; } = new(StringComparer.Ordinal)
    {
        ["web-form"] = 15,
        ["webinar-signup"] = 10,
        ["guide-download"] = 5,
        ["ad-click"] = 5,
    };

    /// <summary>A lead placed within this many km of their location gets <see cref="NearPoints"/> (fit).</summary>
    [Range(0, 1000, ErrorMessage = "Nurture:Scoring:NearKm must be between 0 and 1000.")]
    public double NearKm { get; set; } = 10;

    /// <summary>Points for a lead placed within <see cref="NearKm"/>.</summary>
    public double NearPoints { get; set; } = 10;

    /// <summary>Points for a message delivered (behaviour).</summary>
    public double Delivered { get; set; } = 1;

    /// <summary>Points for an email opened.</summary>
    public double Opened { get; set; } = 3;

    /// <summary>Points for a click on the booking link (every tracked link is one).</summary>
    public double Clicked { get; set; } = 25;

    /// <summary>Points for a reply.</summary>
    public double Replied { get; set; } = 30;

    /// <summary>How long it takes a score to halve with nothing new (default 14 days).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00", ErrorMessage = "Nurture:Scoring:HalfLife must be between 1 day and 365 days.")]
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Points for an event type, or null when the type scores nothing.</summary>
    public double? ForEvent(string type) => type switch
    {
        Touches.ContactEventType.Delivered => Delivered,
        Touches.ContactEventType.Opened => Opened,
        Touches.ContactEventType.Clicked => Clicked,
        Touches.ContactEventType.Replied => Replied,
        _ => null,
    };
}

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
