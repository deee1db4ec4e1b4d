namespace NurtureHealth.Leads;

/// <summary>A record that failed intake, kept whole with its reason so nothing is lost.</summary>
public sealed class RejectedLead
{
    public long Id { get; set; }
    public long ImportId { get; set; }
    public int Line { get; set; }
    public string? ExternalId { get; set; }
    public string Field { get; set; } = "";
    public string Code { get; set; } = "";
    public string Message { get; set; } = "";

    /// <summary>The record's bytes exactly as they arrived (they may not be valid UTF-8).</summary>
    public byte[] Raw { get; set; } = [];
    public DateTimeOffset RejectedAt { get; set; }
}
