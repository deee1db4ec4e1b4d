using Microsoft.AspNetCore.Http;

namespace NurtureHealth.Manage;

/// <summary>The workspace's script and stylesheet, served from the binary.</summary>
internal static class ManageAssets
{
    private static readonly Dictionary<string, (string Type, byte[] Bytes)> Files = new(StringComparer.Ordinal)
    {
        ["manage.js"] = ("text/javascript; charset=utf-8", Read("manage.js")),
        ["manage.css"] = ("text/css; charset=utf-8", Read("manage.css")),
    };

    public static IResult Serve(string name) =>
        Files.TryGetValue(name, out var file) ? Results.Bytes(file.Bytes, file.Type) : Results.NotFound();

    private static byte[] Read(string name)
    {
        using var stream = typeof(ManageAssets).Assembly.GetManifestResourceStream("NurtureHealth.Manage." + name)
            ?? throw new InvalidOperationException($"the workspace's {name} is not in the build (src/NurtureHealth.Manage/Assets)");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
