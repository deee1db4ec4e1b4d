using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NurtureHealth.Yaml;

/// <summary>Loads one YAML file a person edits and collects findings against it.</summary>
internal sealed class YamlDocumentReader
{
    private readonly List<FileFinding> _findings;

    private YamlDocumentReader(string displayPath, List<FileFinding> findings)
    {
        DisplayPath = displayPath;
        _findings = findings;
    }

    /// <summary>The path shown in findings (relative to where the command ran, when possible).</summary>
    public string DisplayPath { get; }

    /// <summary>
    /// Parses the file; returns its root map, or null after recording why it could not be read
    /// (missing, not YAML, not a map at the top).
    /// </summary>
    public static YamlMap? Open(string path, string displayPath, List<FileFinding> findings)
    {
        var reader = new YamlDocumentReader(displayPath, findings);
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (IOException e)
        {
            findings.Add(new FileFinding(displayPath, 1, 1, FindingSeverity.Error, $"cannot read the file: {e.Message}"));
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            findings.Add(new FileFinding(displayPath, 1, 1, FindingSeverity.Error, $"cannot read the file: {e.Message}"));
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var message = StripLocation(e.InnerException?.Message ?? e.Message);
            reader.Error(e.Start, message.StartsWith("Duplicate key ", StringComparison.Ordinal)
                ? $"'{message["Duplicate key ".Length..].Trim()}' is written twice in this part of the file; keep one"
                : $"not valid YAML: {message}");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            reader.Error(new Mark(), "the file must hold a map of keys and values");
            return null;
        }

        return YamlMap.Of(reader, root, "");
    }

    public void Error(Mark mark, string message) => Add(mark, FindingSeverity.Error, message);

    public void Warning(Mark mark, string message) => Add(mark, FindingSeverity.Warning, message);

    private void Add(Mark mark, FindingSeverity severity, string message) =>
        _findings.Add(new FileFinding(DisplayPath, Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column), severity, message));

    private static string StripLocation(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the finding already has the position.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith('(') ? message[(cut + 3)..] : message;
    }
}
