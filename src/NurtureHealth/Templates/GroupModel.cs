namespace NurtureHealth.Templates;

/// <summary>The clinic group.</summary>
public sealed record GroupModel(string Name);
