namespace NurtureHealth.Tests.Architecture;

/// <summary>
/// The library's folders use each other only along the graph drawn in docs/architecture.md: the touch core at the
/// bottom, planning (Sequences) and sending (Messaging) side by side and ignorant of each other, FHIR at the edge.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>Every folder and the folders it may use. Storage is the database hub (its context lists every table's entity) and may use any.</summary>
    internal static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Yaml"] = [],
        ["Locations"] = ["Yaml", "Storage"],
        ["Touches"] = ["Storage"],
        ["Leads"] = ["Api", "Locations", "Touches", "Yaml", "Telemetry", "Storage"],
        ["Scheduling"] = ["Locations", "Touches", "Storage"],
        ["Templates"] = ["Locations", "Touches", "Yaml"],
        ["Scoring"] = ["Leads", "Touches", "Storage"],
        ["Sequences"] = ["Leads", "Locations", "Scheduling", "Scoring", "Templates", "Touches", "Yaml", "Telemetry", "Storage"],
        ["Messaging"] = ["Leads", "Locations", "Scheduling", "Templates", "Touches", "Telemetry", "Storage"],
        ["HandOffs"] = ["Leads", "Locations", "Messaging", "Templates", "Touches", "Storage"],
        ["Tracking"] = ["Api", "HandOffs", "Leads", "Locations", "Messaging", "Scoring", "Sequences", "Templates", "Touches", "Storage"],
        ["Fhir"] = ["HandOffs", "Leads", "Locations", "Messaging", "Scheduling", "Touches", "Tracking", "Yaml", "Telemetry", "Storage"],
        ["Reporting"] = ["HandOffs", "Leads", "Locations", "Touches", "Views", "Storage"],
        ["Checks"] = ["Locations", "Messaging", "Scheduling", "Sequences", "Templates", "Touches", "Views", "Yaml"],
        ["Cycle"] = ["HandOffs", "Messaging", "Sequences", "Touches", "Storage"],
        ["Api"] = [],
        ["Telemetry"] = [],
        ["Privacy"] = ["Fhir", "HandOffs", "Leads", "Messaging", "Touches", "Tracking", "Storage"],
        ["Workspace"] = ["Checks", "Touches", "Yaml", "Storage"],
        ["Views"] = ["Templates"],
        ["Storage"] = ["*"],
        [""] = ["*"],
    };

    [Fact]
    public void Folders_UseOnlyTheFoldersTheGraphAllows()
    {
        var edges = FolderGraph.Read(typeof(NurtureHealthServiceCollectionExtensions).Assembly);

        var unknown = edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().Where(f => !Allowed.ContainsKey(f)).ToList();
        var broken = edges.Where(e => Allowed.TryGetValue(e.Key.From, out var to) && !to.Contains("*") && !to.Contains(e.Key.To))
            .Select(e => $"{e.Key.From}/ uses {e.Key.To}/: {string.Join(", ", e.Value.Take(4))}").ToList();

        Assert.True(unknown.Count == 0, $"folders not in the graph (add them to ArchitectureTests.Allowed and docs/architecture.md): {string.Join(", ", unknown)}");
        Assert.True(broken.Count == 0, "uses the graph does not allow:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Docs_ShowTheGraphThisTestEnforces()
    {
        // docs/architecture.md's table: | `Folder/` | Used, Other | — one row per folder, the same as Allowed.
        var rows = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "docs", "architecture.md"))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\| `(\w+)/` \| ([^|]+) \|$")).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());

        foreach (var (folder, allowed) in Allowed.Where(a => a.Key != "" && !a.Value.Contains("*")))
        {
            Assert.True(rows.TryGetValue(folder, out var documented), $"docs/architecture.md has no row for {folder}/");
            var listed = documented == "—" ? [] : documented.Split(',').Select(f => f.Trim()).Where(f => f != "Storage").ToHashSet();
            Assert.Equal(allowed.Where(a => a != "Storage").Order(), listed.Order());
        }
    }

    [Fact]
    public void Graph_HasNoCycle()
    {
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();
        foreach (var folder in Allowed.Keys.Where(k => k is not ("" or "Storage")))
        {
            Assert.True(Visit(folder, [folder]), $"the allowed graph has a cycle through {folder}");
        }

        bool Visit(string folder, List<string> path)
        {
            if (done.Contains(folder))
            {
                return true;
            }

            if (!visiting.Add(folder))
            {
                return false;
            }

            foreach (var next in Allowed[folder].Where(n => n is not ("Storage" or "*")))
            {
                if (!Visit(next, [.. path, next]))
                {
                    return false;
                }
            }

            visiting.Remove(folder);
            done.Add(folder);
            return true;
        }
    }

    [Fact]
    public void FolderGraph_SeesAUseThatIsOnlyInAMethodBody()
    {
        // Event recording calls the static StaffHandOffs.BeginAsync only inside an async method (its compiler-made state
        // machine): no field, parameter or signature names it, so only reading the IL finds the use.
        var edges = FolderGraph.Read(typeof(NurtureHealthServiceCollectionExtensions).Assembly);

        Assert.Contains("EventRecorder → StaffHandOffs", edges[("Tracking", "HandOffs")]);
    }
}
