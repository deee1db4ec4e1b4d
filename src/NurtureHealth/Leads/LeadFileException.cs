namespace NurtureHealth.Leads;

/// <summary>A lead file that cannot be read at all (missing, unreadable, not a lead format).</summary>
public sealed class LeadFileException(string message, Exception? inner = null) : Exception(message, inner);
