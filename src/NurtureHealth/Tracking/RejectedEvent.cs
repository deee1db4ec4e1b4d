namespace NurtureHealth.Tracking;

/// <summary>An event record that could not be applied, kept with its reason.</summary>
public sealed class RejectedEvent
{
    public long Id { get; set; }
    public string SourceName { get; set; } = "";
    public int Line { get; set; }
    public string Reason { get; set; } = "";
    public byte[] Raw { get; set; } = [];
    public DateTimeOffset RejectedAt { get; set; }
}
