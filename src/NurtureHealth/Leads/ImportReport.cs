namespace NurtureHealth.Leads;

/// <summary>What an import did: counts, every rejection with its reason, and where the accepted leads landed.</summary>
public sealed record ImportReport(
    long ImportId,
    string SourceName,
    LeadFileFormat Format,
    int Records,
    int Accepted,
    int NewContacts,
    int Merged,
    IReadOnlyList<RejectionSummary> Rejections,
    IReadOnlyDictionary<string, int> ResolvedByLocation,
    IReadOnlyDictionary<string, int> UnresolvedByReason)
{
    /// <summary>How many records were rejected.</summary>
    public int Rejected => Rejections.Count;

    /// <summary>Rejections counted by reason code, most frequent first.</summary>
    public IEnumerable<(string Code, int Count)> RejectedByReason =>
        Rejections.GroupBy(r => r.Code).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal);
}
