using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Leads;

/// <summary>The reachability of a set of contacts, with their suppression-list entries read in one go; kept current as a batch suppresses addresses.</summary>
public sealed class ContactReach
{
    private readonly EmailConsentPolicy _policy;
    private readonly Dictionary<string, string> _email;
    private readonly Dictionary<string, string> _sms;

    private ContactReach(EmailConsentPolicy policy, Dictionary<string, string> email, Dictionary<string, string> sms) =>
        (_policy, _email, _sms) = (policy, email, sms);

    /// <summary>Reads the suppression list for these contacts' addresses and numbers.</summary>
    public static async Task<ContactReach> LoadAsync(NurtureDbContext db, IEnumerable<Contact> contacts, EmailConsentPolicy policy, AddressHasher hasher,
        CancellationToken cancellationToken)
    {
        var list = contacts.ToList();
        return new ContactReach(policy,
            await Suppressions.FindAsync(db, Channel.Email, list.Select(c => c.Email).OfType<string>().ToList(), hasher, cancellationToken),
            await Suppressions.FindAsync(db, Channel.Sms, list.Select(c => c.Phone).OfType<string>().ToList(), hasher, cancellationToken));
    }

    /// <summary>Which channels reach the person now.</summary>
    public Reachability Of(Contact contact) => Reachability.Of(contact, _policy,
        contact.Email is null ? null : _email.GetValueOrDefault(contact.Email), contact.Phone is null ? null : _sms.GetValueOrDefault(contact.Phone));

    /// <summary>An address or number this batch just suppressed (a bounce, a carrier opt-out): the rest of the batch sees it.</summary>
    public void Suppressed(Channel channel, string address, string why) => (channel == Channel.Sms ? _sms : _email)[address] = why;
}
