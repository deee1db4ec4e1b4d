using Microsoft.EntityFrameworkCore;
using NurtureHealth.Locations;
using NurtureHealth.Storage;

namespace NurtureHealth.Leads;

/// <summary>The counts of one import as it runs, resumable from the database after a failed attempt.</summary>
internal sealed class ImportState(long importId, string sourceName, LeadFileFormat format)
{
    public long ImportId { get; } = importId;
    public string SourceName { get; } = sourceName;
    public int Records { get; set; }
    public int Accepted { get; set; }
    public int NewContacts { get; set; }
    public int Merged { get; set; }
    public List<RejectionSummary> Rejections { get; } = [];
    public Dictionary<string, int> ByLocation { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> ByReason { get; } = new(StringComparer.Ordinal);

    public void Count(Resolution resolution)
    {
        var (map, key) = resolution.Location is { } l ? (ByLocation, l.Id) : (ByReason, resolution.ReasonCode!);
        map[key] = map.GetValueOrDefault(key) + 1;
    }

    public ImportReport ToReport() =>
        new(ImportId, SourceName, format, Records, Accepted, NewContacts, Merged, Rejections, ByLocation, ByReason);

    /// <summary>The state of an unfinished import of the same source, to carry on from; null when there is none to resume.</summary>
    public static ImportState? Resume(NurtureDbContext db, long importId, string sourceName, LeadFileFormat format)
    {
        var row = db.Imports.AsNoTracking().SingleOrDefault(i => i.Id == importId && i.FinishedAt == null && i.SourceName == sourceName);
        if (row is null)
        {
            return null;
        }

        var state = new ImportState(importId, sourceName, format)
        {
            Records = row.Records,
            Accepted = row.Accepted,
            NewContacts = row.NewContacts,
            Merged = row.Merged,
        };
        state.Rejections.AddRange(db.RejectedLeads.AsNoTracking().Where(r => r.ImportId == importId).OrderBy(r => r.Line)
            .Select(r => new RejectionSummary(r.Line, r.ExternalId, r.Field, r.Code, r.Message)));
        foreach (var placed in db.Leads.AsNoTracking().Where(l => l.ImportId == importId).GroupBy(l => new { l.LocationId, l.UnresolvedReason })
                     .Select(g => new { g.Key.LocationId, g.Key.UnresolvedReason, N = g.Count() }))
        {
            var (map, key) = placed.LocationId is { } l ? (state.ByLocation, l) : (state.ByReason, placed.UnresolvedReason ?? "unresolved");
            map[key] = map.GetValueOrDefault(key) + placed.N;
        }

        return state;
    }
}
