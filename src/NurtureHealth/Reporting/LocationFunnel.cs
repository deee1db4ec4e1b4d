namespace NurtureHealth.Reporting;

/// <summary>One location's funnel (or the total's, with location "total").</summary>
/// <param name="Location">The location id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Leads">Leads placed at the location (imported in the period).</param>
/// <param name="Enrolled">Enrollments that started in the period.</param>
/// <param name="Sent">Messages sent to them (known to have gone; see <see cref="LocationFunnel.Uncertain"/>).</param>
/// <param name="Delivered">Of those, emails not bounced and texts the carrier reported delivered.</param>
/// <param name="Clicked">Enrollments with at least one click.</param>
/// <param name="Replied">Enrollments with at least one reply.</param>
/// <param name="Booked">Enrollments followed by a booking (during the sequence or after it ended).</param>
/// <param name="OptedOut">Enrollments followed by an opt-out of everything, and no booking.</param>
/// <param name="ConversionRate">Booked ÷ enrolled, in percent (one decimal).</param>
/// <param name="MedianDaysToBook">The median days from enrollment to booking, or null with no booking.</param>
public sealed record LocationFunnel(string Location, string Name, int Leads, int Enrolled, int Sent, int Delivered, int Clicked, int Replied, int Booked, int OptedOut,
    double ConversionRate, double? MedianDaysToBook)
{
    /// <summary>Messages that may or may not have gone (the worker stopped mid-send, or the channel's answer was lost); never sent again, and not counted in <see cref="Sent"/>.</summary>
    public int Uncertain { get; init; }
}
