namespace NurtureHealth.Leads;

/// <summary>One run of intake over one file or batch, with its counts.</summary>
public sealed class LeadImport
{
    public long Id { get; set; }
    public string SourceName { get; set; } = "";
    public string Format { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Records { get; set; }
    public int Accepted { get; set; }
    public int NewContacts { get; set; }
    public int Merged { get; set; }
    public int Rejected { get; set; }
}
