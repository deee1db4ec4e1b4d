using System.Text;
using System.Text.Json;

namespace NurtureHealth.Privacy;

/// <summary>The file outbox as retention and erasure see it: one <c>.eml</c> per email touch, one line per SMS in <c>sms.ndjson</c>.</summary>
internal sealed class OutboxFiles(string folder)
{
    private string EmailFolder => Path.Combine(folder, "email");

    private string SmsFile => Path.Combine(folder, "sms.ndjson");

    /// <summary>Deletes the emails of these touches; returns how many there were.</summary>
    public int DeleteEmails(IEnumerable<long> touchIds)
    {
        var deleted = 0;
        foreach (var path in touchIds.Select(id => Path.Combine(EmailFolder, $"{id:D8}.eml")).Where(File.Exists))
        {
            File.Delete(path);
            deleted++;
        }

        return deleted;
    }

    /// <summary>Deletes the staff notifications (<c>staff-*.eml</c>) whose text <paramref name="quotes"/> picks; returns how many.</summary>
    public int DeleteStaffEmails(Func<string, bool> quotes)
    {
        if (!Directory.Exists(EmailFolder))
        {
            return 0;
        }

        var quoting = Directory.EnumerateFiles(EmailFolder, "staff-*.eml").Where(f => quotes(File.ReadAllText(f))).ToList();
        quoting.ForEach(File.Delete);
        return quoting.Count;
    }

    /// <summary>Deletes the emails written before <paramref name="cutoff"/>; returns how many.</summary>
    public int DeleteEmailsBefore(DateTimeOffset cutoff)
    {
        if (!Directory.Exists(EmailFolder))
        {
            return 0;
        }

        var old = Directory.EnumerateFiles(EmailFolder, "*.eml").Where(f => File.GetLastWriteTimeUtc(f) < cutoff.UtcDateTime).ToList();
        old.ForEach(File.Delete);
        return old.Count;
    }

    /// <summary>Removes the SMS lines <paramref name="drop"/> picks (by <c>to</c> and <c>sent_at</c>), rewriting the file aside then in place; returns how many.</summary>
    public int DeleteSms(Func<string?, DateTimeOffset?, bool> drop)
    {
        if (!File.Exists(SmsFile))
        {
            return 0;
        }

        var kept = new StringBuilder();
        var dropped = 0;
        foreach (var line in File.ReadLines(SmsFile).Where(l => l.Length > 0))
        {
            var (to, at) = Read(line);
            if (drop(to, at))
            {
                dropped++;
            }
            else
            {
                kept.Append(line).Append('\n');
            }
        }

        if (dropped > 0)
        {
            File.WriteAllText(SmsFile + ".rewrite", kept.ToString());
            File.Move(SmsFile + ".rewrite", SmsFile, overwrite: true);
        }

        return dropped;
    }

    /// <summary>A line's <c>to</c> and <c>sent_at</c>; a line that is not JSON (a torn write) is kept as it is.</summary>
    private static (string? To, DateTimeOffset? At) Read(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var to = json.RootElement.TryGetProperty("to", out var t) ? t.GetString() : null;
            var at = json.RootElement.TryGetProperty("sent_at", out var s) && DateTimeOffset.TryParse(s.GetString(), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var sent) ? sent : (DateTimeOffset?)null;
            return (to, at);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
