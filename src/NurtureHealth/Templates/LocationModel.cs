namespace NurtureHealth.Templates;

/// <summary>The patient's location.</summary>
/// <param name="Name">Its full name (<c>Lakeshore Health — Lincoln Park</c>).</param>
/// <param name="ShortName">The name without the group's (<c>Lincoln Park</c>).</param>
/// <param name="Address">Street, city, state and ZIP on one line.</param>
/// <param name="City">The city.</param>
/// <param name="Phone">E.164, for <c>tel:</c> links.</param>
/// <param name="PhoneDisplay">Written the local way: <c>(312) 555-0142</c>.</param>
/// <param name="Hours">Opening hours in the message's language: <c>Mon–Thu 8 AM–5 PM; Sat 9 AM–1 PM</c>.</param>
/// <param name="MapUrl">A map search for the address.</param>
/// <param name="Parking">Where to park (<c>parking:</c> in location.yaml), or empty.</param>
public sealed record LocationModel(string Name, string ShortName, string Address, string City, string Phone, string PhoneDisplay, string Hours, string MapUrl, string Parking);
