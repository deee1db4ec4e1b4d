namespace NurtureHealth.Checks;

/// <summary>What one look at the content folders did.</summary>
public enum ReloadOutcome
{
    /// <summary>Nothing changed since the last look.</summary>
    Unchanged,

    /// <summary>The change passed the check and is live.</summary>
    Applied,

    /// <summary>The change has errors; the last good version stays live.</summary>
    Rejected,
}
