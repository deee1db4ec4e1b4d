namespace NurtureHealth.Templates;

/// <summary>The patient, as far as a message needs: the first name to greet them by.</summary>
public sealed record PatientModel(string FirstName);
