namespace NurtureHealth.Workspace;

/// <summary>Someone signed in to the workspace, as the identity provider names them.</summary>
public sealed record WorkspacePerson(string Name, string Id, string Email);
