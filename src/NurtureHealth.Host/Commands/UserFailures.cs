using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// Failures a person causes and can fix — a setting that cannot be read, a malformed <c>appsettings.json</c>, an address
/// another program already listens on — told in a line or two with the fix and the exit code
/// <c>docs/configuration.md</c> lists, instead of a stack trace. Anything else is a bug and keeps its stack trace.
/// </summary>
internal static partial class UserFailures
{
    /// <summary>The message and exit code for <paramref name="exception"/>, or null when it is not a failure a person caused.</summary>
    public static (string Message, int ExitCode)? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case InvalidDataException when FileName().Match(e.Message) is { Success: true } file && e.InnerException is JsonException or FormatException:
                    return ($"{file.Groups[1].Value} is not valid JSON ({Where(e.InnerException!)}): fix it, or move it away, and run again.", ToolHost.ConfigurationError);
                case InvalidOperationException when Conversion().Match(e.Message) is { Success: true } value:
                    // The value is not repeated: a mistyped setting may be a secret pasted into the wrong key.
                    return ($"Configuration is not valid:{Environment.NewLine}  {value.Groups["key"].Value} cannot be read as {Kind(value.Groups["type"].Value)}; " +
                            "see docs/configuration.md for the setting and its form.", ToolHost.ConfigurationError);
                case SettingsFileMissingException missing:
                    return (missing.Message, ToolHost.ConfigurationError);
                case AddressInUseException taken:
                    return ($"Cannot listen: {taken.Address} is already in use by another program. {taken.Fix}", ToolHost.ConfigurationError);
                case SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }:
                case IOException when e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase):
                    return ($"Cannot listen: {Address(e.Message)} is already in use by another program. Stop that program, or choose a free address: " +
                            "Nurture:Http:Urls (Nurture__Http__Urls=http://127.0.0.1:8081) for nurture run, --port for nurture preview --serve.", ToolHost.ConfigurationError);
            }
        }

        return null;
    }

    /// <summary>Where the JSON broke, never what it says there (the file may hold secrets).</summary>
    /// <summary>
    /// An options failure as a person reads it: DataAnnotations' wrapper ("DataAnnotation validation failed for 'X'
    /// members: 'Y' with the error: '…'.") taken off, leaving our own message, which names the key and the fix.
    /// </summary>
    public static string Plain(string failure) => DataAnnotation().Match(failure) is { Success: true } m ? m.Groups[1].Value : failure;

    private static string Where(Exception json) => json switch
    {
        JsonException { LineNumber: { } line } => $"line {line + 1}",
        _ when LineIn().Match(json.Message) is { Success: true } m => $"line {m.Groups[1].Value}",
        _ => "it could not be parsed",
    };

    private static string Address(string message) => AddressIn().Match(message) is { Success: true } m ? m.Value : "the address";

    private static string Kind(string type) => type switch
    {
        "System.TimeSpan" => "a duration (such as 00:05:00)",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Boolean" => "true or false",
        "System.Double" => "a number",
        var t when typeof(NurtureHealthServiceCollectionExtensions).Assembly.GetType(t) is { IsEnum: true } e => $"one of {string.Join(", ", Enum.GetNames(e))}",
        var t when t.StartsWith("NurtureHealth.", StringComparison.Ordinal) => $"one of the names {t[(t.LastIndexOf('.') + 1)..]} allows",
        var t => t,
    };

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']+' members: '[^']*' with the error: '(.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotation();

    [GeneratedRegex("line number '(\\d+)'")]
    private static partial Regex LineIn();

    [GeneratedRegex("configuration from file '([^']+)'")]
    private static partial Regex FileName();

    [GeneratedRegex("Failed to convert configuration value .* at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex Conversion();

    [GeneratedRegex(@"https?://[^\s:]+:\d+|\d{1,3}(\.\d{1,3}){3}:\d+|\[[0-9a-f:]+\]:\d+", RegexOptions.IgnoreCase)]
    private static partial Regex AddressIn();
}
