using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Messaging.Outbox;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Privacy;

/// <summary>
/// "Forget me": erases a person's personal data everywhere NurtureHealth keeps it — contacts (and those merged into
/// them), leads, hand-offs, touch subjects, rejected records that quote the address, the file outbox — ends their
/// sequences, and keeps only the keyed hashes of their email and number on the suppression list, so they are never
/// messaged again. One audit row says what was done, naming the person by hash only.
/// </summary>
public sealed class Forgetting(IDbContextFactory<NurtureDbContext> databases, AddressHasher hasher, IOptions<OutboxOptions> outbox, TimeProvider clock)
{
    /// <summary>What an erasure found and did.</summary>
    public sealed record Report(int People, string Erased, int RejectedRecords, int OutboxFiles, int SmsLines, int Suppressed);

    /// <summary>An email and number as intake stores them (lower-case address, E.164 number), or what is wrong with one (never echoing it).</summary>
    public static (string? Email, string? Phone, string? Error) Normalize(string? email, string? phone)
    {
        var errors = new List<LeadFieldError>();
        var address = EmailAddress.Normalize(email, errors);
        var number = PhoneNumber.Normalize(phone, errors);
        return (address, number, errors.Count > 0 ? $"--{errors[0].Field}: {errors[0].Message}" : null);
    }

    /// <summary>Erases the person with this email and/or number (already normalised: lower-case email, E.164 number).</summary>
    public async Task<Report> ForgetAsync(string? email, string? phone, string actor, CancellationToken cancellationToken)
    {
        if (!hasher.HasKey)
        {
            throw new InvalidOperationException("Nurture:Privacy:HashKey (or Nurture:Links:SigningKey) must be set: the suppression list keeps a keyed hash of what is erased.");
        }

        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
        {
            // Freed bytes are overwritten with zeros, so the old values do not linger in the file's free space.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON", cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Every contact record that shares an address with the person, and every address those records hold, until no new one turns up.
        var emails = new List<string>(email is null ? [] : [email]);
        var phones = new List<string>(phone is null ? [] : [phone]);
        List<long> ids = [];
        for (var found = -1; found != ids.Count;)
        {
            found = ids.Count;
            var byLead = db.Leads.Where(l => (l.Email != null && emails.Contains(l.Email)) || (l.Phone != null && phones.Contains(l.Phone))).Select(l => l.ContactId);
            var matched = await db.Contacts.Where(c => (c.Email != null && emails.Contains(c.Email)) || (c.Phone != null && phones.Contains(c.Phone)) || byLead.Contains(c.Id))
                .Select(c => c.MergedIntoId ?? c.Id).Distinct().ToListAsync(cancellationToken);
            ids = await PersonalData.WithMergedAsync(db, matched, cancellationToken);
            var people = await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Email, c.Phone })
                .Concat(db.Leads.AsNoTracking().Where(l => ids.Contains(l.ContactId)).Select(l => new { l.Email, l.Phone })).ToListAsync(cancellationToken);
            emails = [.. emails.Concat(people.Select(p => p.Email).OfType<string>()).Distinct()];
            phones = [.. phones.Concat(people.Select(p => p.Phone).OfType<string>()).Distinct()];
        }

        var enrollments = await db.Enrollments.Where(e => ids.Contains(e.ContactId) && e.Status == EnrollmentStatus.Active).ToListAsync(cancellationToken);
        await EnrollmentExits.EndAsync(db, enrollments, EnrollmentStatus.OptedOut, "erased on request", now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var erased = await PersonalData.EraseAsync(db, ids, now, cancellationToken);
        var rejected = await EraseRejectedAsync(db, emails, phones, cancellationToken);
        foreach (var address in emails.Concat(phones))
        {
            // A sender's answer can quote the address ("550 <maria@…>: no such mailbox").
            await db.Touches.Where(t => ids.Contains(t.ContactId) && t.Outcome != null && t.Outcome.Contains(address))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Outcome, t => t.Outcome!.Replace(address, "[erased]")), cancellationToken);
        }

        var suppressed = 0;
        foreach (var (channel, addresses) in new[] { (Channel.Email, emails), (Channel.Sms, phones) })
        {
            await db.Suppressions.Where(s => s.Channel == channel && addresses.Contains(s.Address)).ExecuteDeleteAsync(cancellationToken);
            foreach (var hash in addresses.Select(a => hasher.Hash(channel, a)!))
            {
                await Suppressions.AddAsync(db, channel, hash, "erased", "forget", now, cancellationToken);
                suppressed++;
            }
        }

        var touchIds = await db.Touches.Where(t => ids.Contains(t.ContactId)).Select(t => t.Id).ToListAsync(cancellationToken);
        var files = new OutboxFiles(outbox.Value.Path);
        var outboxFiles = files.DeleteEmails(touchIds);
        var smsLines = files.DeleteSms((to, _) => to is not null && phones.Contains(to));
        outboxFiles += files.DeleteStaffEmails(text => Quotes(Encoding.UTF8.GetBytes(text), emails, phones));
        var report = new Report(ids.Count, erased.ToString(), rejected, outboxFiles, smsLines, suppressed);
        db.Add(new PrivacyAudit
        {
            At = now,
            Action = "forget",
            Actor = actor,
            Subject = string.Join(" ", emails.Select(e => hasher.Hash(Channel.Email, e)).Concat(phones.Select(p => hasher.Hash(Channel.Sms, p)))),
            Detail = $"{report.People} people: {report.Erased}, {rejected} rejected records, {outboxFiles} outbox emails, {smsLines} outbox SMS; {enrollments.Count} enrollments ended; " +
                     $"{suppressed} addresses suppressed by hash",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (sqlite)
        {
            // The write-ahead log still holds the pages as they were: copy them home and empty it (a worker reading may delay part of it).
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
        }

        return report;
    }

    /// <summary>Rejected lead and event records whose raw bytes quote one of the addresses (any case, any phone format): their bytes and message go.</summary>
    private static async Task<int> EraseRejectedAsync(NurtureDbContext db, List<string> emails, List<string> phones, CancellationToken cancellationToken)
    {
        var leads = (await db.RejectedLeads.AsNoTracking().Select(r => new { r.Id, r.Raw }).ToListAsync(cancellationToken))
            .Where(r => Quotes(r.Raw, emails, phones)).Select(r => r.Id).ToList();
        var events = (await db.RejectedEvents.AsNoTracking().Select(r => new { r.Id, r.Raw }).ToListAsync(cancellationToken))
            .Where(r => Quotes(r.Raw, emails, phones)).Select(r => r.Id).ToList();
        await db.RejectedLeads.Where(r => leads.Contains(r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Raw, Array.Empty<byte>()).SetProperty(r => r.Message, "erased on request").SetProperty(r => r.ExternalId, (string?)null), cancellationToken);
        await db.RejectedEvents.Where(r => events.Contains(r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Raw, Array.Empty<byte>()).SetProperty(r => r.Reason, "erased on request"), cancellationToken);
        return leads.Count + events.Count;
    }

    /// <summary>Whether text quotes one of the emails (any case) or numbers (in any format: its last ten digits in a row).</summary>
    private static bool Quotes(byte[] raw, List<string> emails, List<string> phones)
    {
        var text = Encoding.UTF8.GetString(raw);
        var onlyDigits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return emails.Any(e => text.Contains(e, StringComparison.OrdinalIgnoreCase))
               || phones.Select(p => p.TrimStart('+')).Select(p => p.Length > 10 ? p[^10..] : p).Any(d => onlyDigits.Contains(d, StringComparison.Ordinal));
    }
}
