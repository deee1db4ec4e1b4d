namespace NurtureHealth.Leads;

/// <summary>One record's bytes and where it started in its file (1-based line).</summary>
public readonly record struct RawRecord(int Line, ReadOnlyMemory<byte> Bytes);
