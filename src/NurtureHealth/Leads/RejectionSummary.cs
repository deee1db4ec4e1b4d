namespace NurtureHealth.Leads;

/// <summary>One rejected record: where it was, which field, and why.</summary>
public sealed record RejectionSummary(int Line, string? LeadId, string Field, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}{(LeadId is null ? "" : $" (lead {LeadId})")}: {Message}";
}
