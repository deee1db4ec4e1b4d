namespace NurtureHealth.Checks;

/// <summary>Raised when a preview cannot be made: names what was asked for and what exists.</summary>
public sealed class PreviewException(string message) : Exception(message);
