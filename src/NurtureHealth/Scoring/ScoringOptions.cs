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
