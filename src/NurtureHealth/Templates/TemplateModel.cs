namespace NurtureHealth.Templates;

/// <summary>
/// Everything a message template can use. In Liquid the names are snake_case:
/// <c>{{ patient.first_name }}</c>, <c>{{ location.phone_display }}</c>, <c>{{ links.booking }}</c>.
/// Nothing else is reachable, and a name not listed here is an error when templates load.
/// </summary>
/// <remarks>The patient's condition, interest, email and phone are deliberately absent (HIPAA: SMS appear on lock screens).</remarks>
public sealed record MessageModel(PatientModel Patient, LocationModel Location, ProviderModel Provider, LinksModel Links, GroupModel Group, ServiceModel Service, SlotsModel Slots);

/// <summary>The patient, as far as a message needs: the first name to greet them by.</summary>
public sealed record PatientModel(string FirstName);

/// <summary>The patient's location.</summary>
/// <param name="Name">Its full name (<c>Lakeshore Health — Lincoln Park</c>).</param>
/// <param name="ShortName">The name without the group's (<c>Lincoln Park</c>).</param>
/// <param name="Address">Street, city, state and ZIP on one line.</param>
/// <param name="City">The city.</param>
/// <param name="Phone">E.164, for <c>tel:</c> links.</param>
/// <param name="PhoneDisplay">Written the local way: <c>(312) 555-0142</c>.</param>
/// <param name="Hours">Opening hours in the message's language: <c>Mon–Thu 8 AM–5 PM; Sat 9 AM–1 PM</c>.</param>
/// <param name="MapUrl">A map search for the address.</param>
public sealed record LocationModel(string Name, string ShortName, string Address, string City, string Phone, string PhoneDisplay, string Hours, string MapUrl);

/// <summary>The provider matched to the patient, or the care team when none was.</summary>
/// <param name="Matched">True when a provider was matched; use it to choose wording.</param>
/// <param name="Name">The provider's name, or "our care team" in the message's language.</param>
/// <param name="Title">Their title (Dermatologist), or empty.</param>
public sealed record ProviderModel(bool Matched, string Name, string Title);

/// <summary>Links carrying only a signed, expiring token: no name, email or phone in any URL.</summary>
/// <param name="Booking">Opens the location's booking page (the click is counted).</param>
/// <param name="Unsubscribe">One click ends these messages.</param>
public sealed record LinksModel(string Booking, string Unsubscribe);

/// <summary>The service line the patient asked about. Health information: for email bodies, never for SMS or subjects.</summary>
/// <param name="Id">The id from group.yaml (<c>dental-implants</c>), for choosing wording with <c>{% if service.id == … %}</c>.</param>
/// <param name="Name">Its name from group.yaml (<c>Dental implants</c>).</param>
public sealed record ServiceModel(string Id, string Name);

/// <summary>
/// Real open appointment slots from the clinic's scheduling system (FHIR), for decision-stage messages. Empty when
/// there are none or the system cannot be reached in time: always write a fallback with <c>{% if slots.available %}</c>.
/// </summary>
/// <param name="Available">True when at least one free slot was found.</param>
/// <param name="Text">The next free slots in the location's time zone and the message's language: <c>Tue Nov 24, 10:00 AM; Wed Nov 25, 2:30 PM</c>.</param>
/// <param name="First">The soonest one alone.</param>
public sealed record SlotsModel(bool Available, string Text, string First)
{
    /// <summary>No slots to show.</summary>
    public static SlotsModel None { get; } = new(false, "", "");
}

/// <summary>The clinic group.</summary>
public sealed record GroupModel(string Name);
