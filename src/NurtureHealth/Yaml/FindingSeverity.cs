namespace NurtureHealth.Yaml;

/// <summary>How serious a finding in an edited file is.</summary>
public enum FindingSeverity
{
    /// <summary>The file cannot be used as it is.</summary>
    Error,

    /// <summary>The file works, but something in it deserves a look.</summary>
    Warning,
}
