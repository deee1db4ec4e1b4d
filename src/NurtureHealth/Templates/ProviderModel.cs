namespace NurtureHealth.Templates;

/// <summary>The provider matched to the patient, or the care team when none was.</summary>
/// <param name="Matched">True when a provider was matched; use it to choose wording.</param>
/// <param name="Name">The provider's name, or "our care team" in the message's language.</param>
/// <param name="Title">Their title (Dermatologist), or empty.</param>
public sealed record ProviderModel(bool Matched, string Name, string Title);
