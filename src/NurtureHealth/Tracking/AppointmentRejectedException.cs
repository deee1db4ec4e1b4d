namespace NurtureHealth.Tracking;

/// <summary>An appointment report that cannot be applied; the message names the booking and the field.</summary>
public sealed class AppointmentRejectedException(string message) : Exception(message);
