namespace NurtureHealth.Templates;

/// <summary>
/// Everything a message template can use. In Liquid the names are snake_case:
/// <c>{{ patient.first_name }}</c>, <c>{{ location.phone_display }}</c>, <c>{{ links.booking }}</c>.
/// Nothing else is reachable, and a name not listed here is an error when templates load.
/// </summary>
/// <remarks>The patient's condition, interest, email and phone are deliberately absent (HIPAA: SMS appear on lock screens).</remarks>
public sealed record MessageModel(PatientModel Patient, LocationModel Location, ProviderModel Provider, LinksModel Links, GroupModel Group, ServiceModel Service, SlotsModel Slots)
{
    /// <summary>The appointment an appointment journey is about; <see cref="AppointmentModel.None"/> elsewhere.</summary>
    public AppointmentModel Appointment { get; init; } = AppointmentModel.None;
}
