using NurtureHealth.Locations;
using NurtureHealth.Templates;

namespace NurtureHealth.Tracking;

/// <summary>
/// What NurtureHealth texts back to STOP, START and HELP, in the words' language: the wording is content
/// (<c>templates/_strings/LANG.yaml</c>, <c>sms.*</c>), the group and location are filled in here.
/// </summary>
public sealed class KeywordReplies(TemplateContent templates, LocationCatalog locations)
{
    /// <summary>The clinic group as it is now.</summary>
    public ClinicGroup Group => locations.Group;

    /// <summary>The confirmation of an opt-out.</summary>
    public string Stopped(string language) => Words(language).Stopped(Group.Name);

    /// <summary>The confirmation of an opt-in.</summary>
    public string Resubscribed(string language) => Words(language).Resubscribed(Group.Name);

    /// <summary>Who is texting and how to stop: the location and its phone, or the group when the location is not known.</summary>
    public string Help(string language, Location? location) =>
        Words(language).Help(Group.Name, location?.Name, location is null ? null : MessageRenderer.PhoneDisplay(location.Phone));

    private ContentStrings Words(string language) => templates.Current.Library.StringsFor(language);
}
