using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NurtureHealth.Leads;
using NurtureHealth.Locations;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// <c>nurture resolve FILE</c>: places each lead of a file without storing anything, printing one JSON
/// object a line in input order: lead_id, status, location_id, provider_id, distance_km, reason.
/// </summary>
internal static class ResolveCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "An NDJSON or CSV lead file." };
        var locations = CommonOptions.Locations();
        var command = new Command("resolve", "Print where each lead of a file would be placed (nearest qualifying location and provider), as JSON lines.")
        {
            file, locations,
        };
        command.SetAction((result, cancellationToken) => ToolHost.RunAsync(
            CommonOptions.Overrides(result, locations, null),
            needsDatabase: false,
            (services, ct) => Task.FromResult(Run(services, result.GetValue(file)!, ct)),
            cancellationToken));
        return command;
    }

    private static int Run(IServiceProvider services, string path, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<LocationCatalog>();
        var validator = new LeadValidator(catalog.Group, services.GetRequiredService<TimeProvider>());
        IEnumerable<ParsedRecord> records;
        try
        {
            records = LeadFileReader.Open(path).Records;
        }
        catch (LeadFileException e)
        {
            Console.Error.WriteLine($"Cannot read {path}: {e.Message}");
            return ImportCommand.UnreadableFile;
        }

        using var stdout = Console.OpenStandardOutput();
        using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        try
        {
            foreach (var record in records)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Write(json, stdout, record, validator, catalog.Resolver);
            }
        }
        catch (LeadFileException e)
        {
            json.Flush();
            Console.Error.WriteLine($"Cannot read {path}: {e.Message}");
            return ImportCommand.UnreadableFile;
        }

        return 0;
    }

    private static void Write(Utf8JsonWriter json, Stream stdout, ParsedRecord record, LeadValidator validator, LocationResolver resolver)
    {
        json.Reset();
        json.WriteStartObject();
        IReadOnlyList<LeadFieldError> errors = record.Error is null ? [] : [record.Error];
        var lead = record.Draft is null ? null : validator.Validate(record.Draft, record.Line, out errors);
        if (lead is null)
        {
            WriteString(json, "lead_id", record.Draft?["id"]?.Trim());
            json.WriteString("status", "unresolved");
            json.WriteNull("location_id");
            json.WriteNull("provider_id");
            json.WriteNull("distance_km");
            json.WriteString("reason", $"invalid record at line {record.Line}: {string.Join("; ", errors.Select(e => e.Message))}");
        }
        else
        {
            var resolution = resolver.Resolve(lead.ToPlacement());
            json.WriteString("lead_id", lead.Id);
            json.WriteString("status", resolution.Status == ResolutionStatus.Resolved ? "resolved" : "unresolved");
            WriteString(json, "location_id", resolution.Location?.Id);
            WriteString(json, "provider_id", resolution.Provider?.Id);
            if (resolution.DistanceKm is { } km)
            {
                json.WriteNumber("distance_km", km);
            }
            else
            {
                json.WriteNull("distance_km");
            }

            WriteString(json, "reason", resolution.Reason);
        }

        json.WriteEndObject();
        json.Flush();
        stdout.WriteByte((byte)'\n');
    }

    private static void WriteString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
