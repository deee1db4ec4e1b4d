using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NurtureHealth.Leads;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Tracking;

/// <summary>
/// Imports booking, opt-out and engagement events from NDJSON, one object a line:
/// <c>{"id":"evt-1","type":"booked","at":"2026-12-01T15:00:00Z","lead_id":"web-000123"}</c>. The person is
/// named by <c>lead_id</c>, <c>email</c> or <c>phone</c>. A line that cannot be applied is kept, with why.
/// </summary>
public sealed class EventImporter(IDbContextFactory<NurtureDbContext> databases, EventRecorder recorder, AppointmentBook appointments, TimeProvider clock)
{
    /// <summary>Imports a file; throws <see cref="LeadFileException"/> when it cannot be read at all.</summary>
    public async Task<EventImportReport> ImportFileAsync(string path, CancellationToken cancellationToken = default)
    {
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(path, Encoding.UTF8, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LeadFileException($"{path}: cannot open the file: {e.Message}", e);
        }

        return await ImportAsync(lines, Path.GetFileName(path), $"events:{Path.GetFileName(path)}", null, cancellationToken);
    }

    /// <summary>
    /// Imports event lines from any source. <paramref name="source"/> scopes event ids (the same id from the same
    /// source is applied once); <paramref name="onlyTypes"/>, when set, are the types accepted, and the first is the default.
    /// </summary>
    public async Task<EventImportReport> ImportAsync(IReadOnlyList<string> lines, string sourceName, string source, IReadOnlyList<string>? onlyTypes,
        CancellationToken cancellationToken = default)
    {
        var applied = new Dictionary<string, int>(StringComparer.Ordinal);
        var rejected = new List<(int, string)>();
        var duplicates = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var (parsed, news, problem) = await ParseAsync(lines[i], source, onlyTypes, cancellationToken);
            if (news is not null)
            {
                try
                {
                    if (await appointments.ApplyAsync(news, cancellationToken) is var change && change == "unchanged")
                    {
                        duplicates++;
                    }
                    else
                    {
                        applied[change] = applied.GetValueOrDefault(change) + 1;
                    }

                    continue;
                }
                catch (AppointmentRejectedException e)
                {
                    problem = e.Message;
                }
            }

            if (parsed is null)
            {
                rejected.Add((i + 1, problem!));
                await KeepAsync(sourceName, i + 1, problem!, lines[i], cancellationToken);
                continue;
            }

            if (await recorder.RecordAsync(parsed, cancellationToken))
            {
                applied[parsed.Type] = applied.GetValueOrDefault(parsed.Type) + 1;
            }
            else
            {
                duplicates++;
            }
        }

        return new EventImportReport(applied, duplicates, rejected);
    }

    private async Task<(NewContactEvent? Event, AppointmentNews? Appointment, string? Problem)> ParseAsync(string line, string source, IReadOnlyList<string>? onlyTypes,
        CancellationToken cancellationToken)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(line).RootElement;
        }
        catch (JsonException e)
        {
            return (null, null, $"not a JSON object: {e.Message.Split(" LineNumber:")[0]}");
        }

        string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, null, "not a JSON object");
        }

        var type = Text("type") ?? onlyTypes?[0];
        var allowed = onlyTypes ?? [.. ContactEventType.All, .. AppointmentLine.Types.Where(t => t != ContactEventType.Booked)];
        if (type is null || !allowed.Contains(type))
        {
            return (null, null, $"type must be one of {string.Join(", ", allowed)}");
        }

        if (Text("at") is not { } atText || !AppointmentLine.HasZone(atText)
            || !DateTimeOffset.TryParse(atText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at))
        {
            return (null, null, "at must be an ISO 8601 timestamp with a time zone");
        }

        var channelText = Text("channel");
        if (channelText is not (null or "sms" or "email"))
        {
            return (null, null, "channel must be sms or email (or left out for both)");
        }

        var contactId = await FindContactAsync(Text("lead_id"), Text("email"), Text("phone"), cancellationToken);
        if (contactId is null)
        {
            return (null, null, Text("lead_id") is null && Text("email") is null && Text("phone") is null
                ? "name the person with lead_id, email or phone"
                : "no contact matches the lead_id, email or phone given");
        }

        if (AppointmentLine.IsAppointment(type, Text("start")))
        {
            var (news, problem) = AppointmentLine.Read(type, contactId.Value, at.ToUniversalTime(), source, Text);
            return (null, news, problem);
        }

        var channel = channelText is null ? (Channel?)null : StoredName.Parse<Channel>(channelText);
        return (new NewContactEvent(contactId.Value, type, channel, at.ToUniversalTime(), source, Text("id"), null, Text("service_line")), null, null);
    }

    private async Task<long?> FindContactAsync(string? leadId, string? email, string? phone, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        long? id = null;
        if (leadId is not null)
        {
            id = await db.Leads.Where(l => l.ExternalId == leadId).Select(l => (long?)l.ContactId).FirstOrDefaultAsync(cancellationToken);
        }

        var errors = new List<LeadFieldError>();
        if (id is null && EmailAddress.Normalize(email, errors) is { } normalEmail)
        {
            id = await db.Contacts.Where(c => c.Email == normalEmail).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
        }

        if (id is null && PhoneNumber.Normalize(phone, errors) is { } normalPhone)
        {
            id = await db.Contacts.Where(c => c.Phone == normalPhone).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
        }

        while (id is not null && await db.Contacts.Where(c => c.Id == id).Select(c => c.MergedIntoId).SingleAsync(cancellationToken) is { } merged)
        {
            id = merged;
        }

        return id;
    }

    private async Task KeepAsync(string file, int line, string reason, string raw, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.RejectedEvents.Add(new RejectedEvent { SourceName = file, Line = line, Reason = reason, Raw = Encoding.UTF8.GetBytes(raw), RejectedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }
}
