namespace NurtureHealth.Tracking;

/// <summary>What an events file did.</summary>
public sealed record EventImportReport(IReadOnlyDictionary<string, int> Applied, int Duplicates, IReadOnlyList<(int Line, string Reason)> Rejected);
