using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Utility;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NurtureHealth.Fhir;

/// <summary>
/// Reads the server's CapabilityStatement (<c>GET [base]/metadata</c>) once, before the first poll, and says plainly what
/// NurtureHealth needs that the server does not declare: searches on ServiceRequest, Patient and Appointment, creates of
/// Communication and Task when write-back is on, and conditional create unless <c>SearchBeforeCreate</c> stands in for it.
/// What is missing goes to the log and to <c>/health</c> (check <c>fhir</c>, entry <c>capabilities</c>); nothing stops,
/// because servers under-declare as often as they lack: the polls themselves show what really works.
/// </summary>
public sealed partial class FhirCapabilities(FhirConnection fhir, FhirStatus status, IOptions<FhirWriteBackOptions> writeBack, TimeProvider clock, ILogger<FhirCapabilities> logger)
{
    /// <summary>The health entry.</summary>
    public const string Check = "capabilities";

    private int _read;

    /// <summary>
    /// True when the server declares <c>_include=ServiceRequest:subject</c>: a leads page then carries its Patients, one
    /// request instead of three. Servers that do not declare it get the Patients read by id.
    /// </summary>
    public bool IncludesSubject { get; private set; }

    /// <summary>Reads the statement the first time it is called (again after a failed read); later calls return at once.</summary>
    public async System.Threading.Tasks.Task EnsureReadAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _read) == 1)
        {
            return;
        }

        CapabilityStatement? statement;
        try
        {
            statement = await fhir.Open().CapabilityStatementAsync(ct: cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException or SmartTokenException
                                      || e is FhirOperationException { Status: var code } && ((int)code >= 500 || (int)code is 401 or 429))
        {
            LogUnread(logger, FhirErrors.Describe(e));
            return; // the poll that follows reports the server itself; the statement is read again next time
        }
        catch (Exception e) when (FhirErrors.IsExpected(e) || Leads.FhirShape.IsShapeError(e))
        {
            statement = null; // the server answered, but not with a CapabilityStatement: it has none to read
        }

        IncludesSubject = statement is not null && Leads.FhirShape.Read(() => statement.Rest.SelectMany(r => r.Resource)
            .Any(r => r.Type == "ServiceRequest" && r.SearchInclude.Any(i => i is "ServiceRequest:subject" or "*")));
        Interlocked.Exchange(ref _read, 1);
        var missing = Missing(statement, writeBack.Value);
        if (missing.Count == 0)
        {
            status.Succeeded(Check, "the server declares every interaction NurtureHealth uses", clock.GetUtcNow());
            return;
        }

        var message = $"the server's CapabilityStatement does not declare: {string.Join("; ", missing)}";
        status.Failed(Check, message, clock.GetUtcNow());
        LogMissing(logger, message);
    }

    /// <summary>What NurtureHealth needs that <paramref name="statement"/> does not declare, each saying what it is for.</summary>
    public static List<string> Missing(CapabilityStatement? statement, FhirWriteBackOptions writeBack)
    {
        var missing = new List<string>();
        if (statement is null)
        {
            return ["a CapabilityStatement at [base]/metadata"];
        }

        if (Leads.FhirShape.Read(() => statement.FhirVersion?.GetLiteral()) is { } version && !version.StartsWith("4.0", StringComparison.Ordinal))
        {
            missing.Add($"FHIR R4 (it says FHIR {version}); NurtureHealth speaks R4 (4.0.1)");
        }

        var server = Leads.FhirShape.Read(() => statement.Rest.FirstOrDefault(r => r.Mode == CapabilityStatement.RestfulCapabilityMode.Server));
        if (server is null)
        {
            return [.. missing, "a server REST section"];
        }

        bool Has(string type, CapabilityStatement.TypeRestfulInteraction interaction) =>
            Leads.FhirShape.Read(() => server.Resource.Any(r => r.Type == type && r.Interaction.Any(i => i.Code == interaction)));

        foreach (var (type, what) in new[] { ("ServiceRequest", "leads are not read"), ("Patient", "leads have no patient"), ("Appointment", "bookings are not read") })
        {
            if (!Has(type, CapabilityStatement.TypeRestfulInteraction.SearchType))
            {
                missing.Add($"search on {type} ({what})");
            }
        }

        foreach (var (type, on) in new[] { ("Communication", writeBack.Communications), ("Task", writeBack.Tasks) })
        {
            if (on && !Has(type, CapabilityStatement.TypeRestfulInteraction.Create))
            {
                missing.Add($"create of {type} (Nurture:Fhir:WriteBack:{type}s is on)");
            }
            else if (on && !writeBack.SearchBeforeCreate
                     && Leads.FhirShape.Read(() => server.Resource.FirstOrDefault(r => r.Type == type)?.ConditionalCreate) != true)
            {
                missing.Add($"conditional create of {type}, which keeps a retried write from making a second one: set Nurture:Fhir:WriteBack:SearchBeforeCreate=true if the server ignores If-None-Exist");
            }
        }

        return missing;
    }

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "FHIR: {Message}. NurtureHealth goes on; what the server really lacks shows as failed polls or refused writes")]
    private static partial void LogMissing(ILogger logger, string message);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "FHIR: the CapabilityStatement could not be read ({Reason}); it is read again before the next poll")]
    private static partial void LogUnread(ILogger logger, string reason);
}
