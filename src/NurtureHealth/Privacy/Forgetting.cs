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
    public sealed record Report(int People, string Erased, int RejectedRecords, int OutboxFiles, int SmsLines, int Suppressed, bool WalCleared);

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

        var enrollments = await db.Enrollments.Where(e => ids.Contains(e.ContactId) && (e.Status == EnrollmentStatus.Active || e.Status == EnrollmentStatus.Paused))
            .ToListAsync(cancellationToken);
        await EnrollmentExits.EndAsync(db, enrollments, EnrollmentStatus.OptedOut, "erased on request", now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var erased = await PersonalData.EraseAsync(db, ids, now, cancellationToken);
        // Texts from the number that matched no contact are kept by number alone; and the EHR's ids would tie the person to a service.
        await db.HandOffs.Where(h => h.Phone != null && phones.Contains(h.Phone))
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Phone, (string?)null).SetProperty(h => h.Message, (string?)null), cancellationToken);
        await db.Leads.Where(l => ids.Contains(l.ContactId)).ExecuteUpdateAsync(s => s.SetProperty(l => l.SourceReference, (string?)null), cancellationToken);
        await db.FhirWriteBacks.Where(w => ids.Contains(w.ContactId) && w.Status == Fhir.WriteBackStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, Fhir.WriteBackStatus.Skipped).SetProperty(w => w.Outcome, "skipped: the person was erased"), cancellationToken);
        await db.FhirWriteBacks.Where(w => ids.Contains(w.ContactId)).ExecuteUpdateAsync(s => s.SetProperty(w => w.Patient, (string?)null), cancellationToken);
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
        db.Add(new PrivacyAudit
        {
            At = now,
            Action = "forget",
            Actor = actor,
            Subject = string.Join(" ", emails.Select(e => hasher.Hash(Channel.Email, e)).Concat(phones.Select(p => hasher.Hash(Channel.Sms, p)))),
            Detail = $"{ids.Count} contact records: {erased}, {rejected} rejected records; {enrollments.Count} sequences ended; {suppressed} addresses suppressed by hash; " +
                     "their file-outbox messages deleted",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Files only once the database says so: a failed erasure leaves everything as it was.
        var files = new OutboxFiles(outbox.Value.Path);
        var outboxFiles = files.DeleteEmails(touchIds) + files.DeleteStaffEmails(text => Quotes(Encoding.UTF8.GetBytes(text), emails, phones));
        var smsLines = files.DeleteSms((to, _) => to is not null && phones.Contains(to));
        var walCleared = !sqlite || await CheckpointAsync(db, cancellationToken);
        return new Report(ids.Count, erased.ToString(), rejected, outboxFiles, smsLines, suppressed, walCleared);
    }

    /// <summary>
    /// The write-ahead log still holds the pages as they were: copy them home and empty it. False when a reader (a running
    /// worker) kept part of it; its next checkpoint finishes the job.
    /// </summary>
    private static async Task<bool> CheckpointAsync(NurtureDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && reader.GetInt64(0) == 0;
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
