namespace NurtureHealth.Templates;

/// <summary>The service line the patient asked about. Health information: for email bodies, never for SMS or subjects.</summary>
/// <param name="Id">The id from group.yaml (<c>dental-implants</c>), for choosing wording with <c>{% if service.id == … %}</c>.</param>
/// <param name="Name">Its name from group.yaml (<c>Dental implants</c>).</param>
public sealed record ServiceModel(string Id, string Name);
