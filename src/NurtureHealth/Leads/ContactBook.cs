namespace NurtureHealth.Leads;

/// <summary>
/// Matches one batch's leads to contacts by normalised email or phone, merging as it goes. One book per
/// batch: once the batch is written the database answers for those contacts, and holding every contact
/// of a large import in memory costs more (in garbage collection) than asking again. When one lead's email
/// belongs to one contact and its phone to another, the two are one person: the younger contact merges
/// into the older and its leads follow.
/// </summary>
internal sealed class ContactBook
{
    private readonly Dictionary<string, ContactState> _byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContactState> _byPhone = new(StringComparer.Ordinal);
    private readonly Dictionary<long, ContactState> _byId = [];
    private readonly HashSet<ContactState> _changed = [];

    /// <summary>Existing contacts merged into another during this batch; their rows must be rewritten.</summary>
    public List<ContactState> MergedExisting { get; } = [];

    /// <summary>Contacts created during this batch, in creation order (not merged away).</summary>
    public List<ContactState> Created { get; } = [];

    /// <summary>Contacts already stored that this batch changed (and did not merge away).</summary>
    public IEnumerable<ContactState> Updated => _changed.Where(c => !c.IsNew && c.MergedInto is null);

    /// <summary>Loads the contacts that own any of these keys, and whatever they were merged into.</summary>
    public void Prefetch(LeadWriter writer, IEnumerable<string> emails, IEnumerable<string> phones)
    {
        var missingEmails = emails.Where(e => !_byEmail.ContainsKey(e)).Distinct().ToList();
        var missingPhones = phones.Where(p => !_byPhone.ContainsKey(p)).Distinct().ToList();
        if (missingEmails.Count == 0 && missingPhones.Count == 0)
        {
            return;
        }

        var pending = new Queue<(ContactState Contact, long MergedInto)>();
        foreach (var (contact, mergedInto) in writer.FindContacts(missingEmails, missingPhones))
        {
            if (_byId.ContainsKey(contact.Id))
            {
                continue;
            }

            Remember(contact);
            if (mergedInto is { } target)
            {
                pending.Enqueue((contact, target));
            }
        }

        while (pending.TryDequeue(out var item))
        {
            if (!_byId.TryGetValue(item.MergedInto, out var target))
            {
                var found = writer.FindContact(item.MergedInto)
                    ?? throw new InvalidOperationException($"contact {item.Contact.Id} is merged into contact {item.MergedInto}, which does not exist");
                target = found.Contact;
                Remember(target);
                if (found.MergedInto is { } next)
                {
                    pending.Enqueue((target, next));
                }
            }

            item.Contact.MergedInto = target;
        }
    }

    /// <summary>Attaches a lead to its contact, creating or merging contacts.</summary>
    public ContactState Attach(ValidLead lead, DateTimeOffset now)
    {
        var byEmail = lead.Email is null ? null : _byEmail.GetValueOrDefault(lead.Email)?.Root;
        var byPhone = lead.Phone is null ? null : _byPhone.GetValueOrDefault(lead.Phone)?.Root;
        if (byEmail is null && byPhone is null)
        {
            var created = new ContactState { IsNew = true, CreatedAt = now, LastLeadAt = DateTimeOffset.MinValue };
            Apply(created, lead);
            Created.Add(created);
            Register(created);
            return created;
        }

        var target = byEmail ?? byPhone!;
        if (byEmail is not null && byPhone is not null && byEmail != byPhone)
        {
            var (older, younger) = IsOlder(byEmail, byPhone) ? (byEmail, byPhone) : (byPhone, byEmail);
            Merge(younger, older);
            target = older;
        }

        Apply(target, lead);
        _changed.Add(target);
        Register(target);
        return target;
    }

    private static bool IsOlder(ContactState a, ContactState b) =>
        a.IsNew != b.IsNew ? !a.IsNew : a.IsNew ? false : a.Id < b.Id;

    private void Merge(ContactState younger, ContactState older)
    {
        younger.MergedInto = older;
        if (older.Email is null && younger.Email is not null)
        {
            older.Email = younger.Email;
            younger.Email = null;
        }

        if (older.Phone is null && younger.Phone is not null)
        {
            older.Phone = younger.Phone;
            younger.Phone = null;
        }

        if (!older.SmsConsent && younger.SmsConsent)
        {
            (older.SmsConsent, older.SmsConsentText, older.SmsConsentAt, older.SmsConsentLeadId) =
                (true, younger.SmsConsentText, younger.SmsConsentAt, younger.SmsConsentLeadId);
        }

        _changed.Add(older);
        if (younger.IsNew)
        {
            Created.Remove(younger);
        }
        else
        {
            MergedExisting.Add(younger);
        }

        foreach (var key in _byEmail.Where(kv => kv.Value == younger).Select(kv => kv.Key).ToList())
        {
            _byEmail[key] = older;
        }

        foreach (var key in _byPhone.Where(kv => kv.Value == younger).Select(kv => kv.Key).ToList())
        {
            _byPhone[key] = older;
        }
    }

    private static void Apply(ContactState contact, ValidLead lead)
    {
        contact.Email ??= lead.Email;
        contact.Phone ??= lead.Phone;
        if (lead.SubmittedAt >= contact.LastLeadAt)
        {
            // The newest lead speaks for the person now: name spelling and language may have changed.
            contact.FirstName = lead.FirstName;
            contact.LastName = lead.LastName ?? contact.LastName;
            contact.Language = lead.Language;
            contact.EmailConsent = lead.Consent.Email ?? contact.EmailConsent;
            contact.LastLeadAt = lead.SubmittedAt;
        }

        if (lead.Consent.Sms && (!contact.SmsConsent || lead.Consent.At >= contact.SmsConsentAt))
        {
            contact.SmsConsent = true;
            contact.SmsConsentText = lead.Consent.SmsText;
            contact.SmsConsentAt = lead.Consent.At;
            contact.SmsConsentLeadId = lead.Id;
        }
    }

    private void Remember(ContactState contact)
    {
        _byId[contact.Id] = contact;
        Register(contact);
    }

    private void Register(ContactState contact)
    {
        if (contact.Email is not null)
        {
            _byEmail[contact.Email] = contact;
        }

        if (contact.Phone is not null)
        {
            _byPhone[contact.Phone] = contact;
        }
    }
}
