namespace NurtureHealth.Reporting;

/// <summary>Which enrollments a report counts: enrolled in [Since, Until), at a location, in a sequence.</summary>
public sealed record ReportFilter(DateTimeOffset? Since = null, DateTimeOffset? Until = null, string? Location = null, string? Sequence = null);
