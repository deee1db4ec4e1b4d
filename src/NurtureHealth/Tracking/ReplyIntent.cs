namespace NurtureHealth.Tracking;

/// <summary>A classified reply, with the language its words were in (for the confirmation).</summary>
public sealed record ReplyIntent(ReplyKind Kind, string Language);
