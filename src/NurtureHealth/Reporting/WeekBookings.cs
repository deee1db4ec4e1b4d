namespace NurtureHealth.Reporting;

/// <summary>Bookings in one week (weeks start on Monday).</summary>
public sealed record WeekBookings(DateOnly Week, int Booked);
