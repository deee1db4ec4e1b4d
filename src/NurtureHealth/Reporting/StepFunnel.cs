namespace NurtureHealth.Reporting;

/// <summary>
/// One step's numbers at one location (and variant, in an A/B test): messages sent and delivered, the messages clicked
/// and replied to, bookings whose last touch was this step, opt-outs made from it, and click and booking rates per
/// message sent (percent).
/// </summary>
public sealed record StepFunnel(string Location, string Sequence, int StepNumber, string Step, string? Variant, int Sent, int Delivered, int Clicked, int Replied, int Booked, int OptedOut,
    double ClickRate, double BookingRate)
{
    /// <summary>Messages of this step whose fate is unknown; not counted in <see cref="Sent"/>.</summary>
    public int Uncertain { get; init; }
}
