namespace NurtureHealth.Fhir;

/// <summary>What a write-back creates.</summary>
public static class WriteBackKind
{
    public const string Communication = "communication";
    public const string Task = "task";
}
