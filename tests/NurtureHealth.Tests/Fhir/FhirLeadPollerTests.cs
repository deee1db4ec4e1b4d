using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NurtureHealth.Fhir;

namespace NurtureHealth.Tests.Fhir;

/// <summary>The leads poll against a paged server: one page at a time, one bad resource never stops it, a failed page loses nothing.</summary>
public sealed class FhirLeadPollerTests : IDisposable
{
    private readonly PagedFhirServer _server = new();
    private readonly NurtureServices _services;

    public FhirLeadPollerTests() => _services = new NurtureServices(new()
    {
        ["Nurture:Fhir:BaseUrl"] = PagedFhirServer.BaseUrl,
        ["Nurture:Fhir:PageSize"] = "2",
    }, s => s.AddHttpClient(FhirConnection.ClientName).ConfigurePrimaryHttpMessageHandler(() => _server));

    [Fact]
    public async Task Poll_PoisonedServiceRequestAmongGoodOnes_EveryGoodLeadIsImported_TheBadOneRejectedWithItsReason()
    {
        for (var i = 1; i <= 5; i++)
        {
            _server.AddLead($"sr-{i}", Some.Now.AddMinutes(-10 + i), i == 3 ? r => r["code"] = new JsonArray(r["code"]!.DeepClone()) : null);
        }

        var report = await _services.Get<FhirLeadPoller>().PollAsync();
        var again = await _services.Get<FhirLeadPoller>().PollAsync();

        Assert.Equal((5, 5, 4, 1, 3), (report.Found, report.New, report.Accepted, report.Rejected, report.Pages));
        Assert.Equal(0, again.New); // the overlap re-reads them; none is taken twice
        using var db = _services.Db();
        Assert.Equal(["fhir-sr-sr-1", "fhir-sr-sr-2", "fhir-sr-sr-4", "fhir-sr-sr-5"], db.Leads.OrderBy(l => l.ExternalId).Select(l => l.ExternalId).ToList());
        var rejected = db.RejectedLeads.Single();
        Assert.Equal(("fhir-sr-sr-3", "ServiceRequest.code", "malformed-fhir"), (rejected.ExternalId, rejected.Field, rejected.Code));
        Assert.StartsWith("ServiceRequest/sr-3: code is not what FHIR R4 allows there", rejected.Message);
        Assert.All(db.Imports.ToList(), i => Assert.NotNull(i.FinishedAt));
        Assert.Equal(HealthStatus.Healthy, (await _services.Get<FhirStatus>().CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task Poll_APageFailsPartWay_EarlierPagesAreKept_HealthSaysSo_AndTheNextPollTakesTheRestWithoutRereadingThem()
    {
        for (var i = 1; i <= 6; i++)
        {
            _server.AddLead($"sr-{i}", Some.Now.AddHours(-2).AddMinutes(i * 10));
        }

        _server.FailPageOnce = 3;

        await Assert.ThrowsAsync<FhirUnavailableException>(() => _services.Get<FhirLeadPoller>().PollAsync());
        var health = await _services.Get<FhirStatus>().CheckHealthAsync(new HealthCheckContext());
        using (var db = _services.Db())
        {
            Assert.Equal(4, db.Leads.Count()); // pages 1 and 2, stored as they were read
        }

        var report = await _services.Get<FhirLeadPoller>().PollAsync();

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("leads: the server answered 500", health.Description);
        Assert.Equal((3, 2), (report.Found, report.New)); // from the watermark (sr-4's time) minus the 5-minute overlap: sr-4 again, skipped; sr-5 and sr-6 new
        using var after = _services.Db();
        Assert.Equal(6, after.Leads.Count());
        Assert.Equal(HealthStatus.Healthy, (await _services.Get<FhirStatus>().CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task Poll_ServerIgnoresSortAndAPageFails_TheWatermarkWaitsForTheWholePoll_SoNothingIsLost()
    {
        for (var i = 1; i <= 6; i++)
        {
            _server.AddLead($"sr-{i}", Some.Now.AddHours(-2).AddMinutes(i * 10));
        }

        _server.Unsorted = true;
        _server.FailPageOnce = 2;

        await Assert.ThrowsAsync<FhirUnavailableException>(() => _services.Get<FhirLeadPoller>().PollAsync());
        await _services.Get<FhirLeadPoller>().PollAsync();

        using var db = _services.Db();
        Assert.Equal(6, db.Leads.Count()); // the older requests on the failed page were not skipped by a watermark moved past them
        Assert.Contains(_services.Log.Lines, l => l.Contains("does not sort by _lastUpdated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Poll_ServerRefusesThePatientLookup_TheRequestsAreRejectedAsMissingTheirPatient_AndThePollGoesOn()
    {
        _server.AddLead("sr-1", Some.Now.AddMinutes(-1));
        _server.RefusePatients = true;

        var report = await _services.Get<FhirLeadPoller>().PollAsync();

        Assert.Equal((0, 1), (report.Accepted, report.Rejected));
        using var db = _services.Db();
        Assert.Equal(("fhir-sr-sr-1", "missing-patient"), (db.RejectedLeads.Single().ExternalId, db.RejectedLeads.Single().Code));
    }

    [Fact]
    public async Task Poll_ManyPages_TheFirstLeadsAreStoredBeforeTheLastPageIsRead()
    {
        for (var i = 1; i <= 7; i++)
        {
            _server.AddLead($"sr-{i}", Some.Now.AddMinutes(-30 + i));
        }

        var storedWhenLastPageServed = -1;
        _server.Serving = page =>
        {
            if (page == 4)
            {
                using var db = _services.Db();
                storedWhenLastPageServed = db.Leads.Count();
            }
        };

        await _services.Get<FhirLeadPoller>().PollAsync();

        Assert.Equal(6, storedWhenLastPageServed);
    }

    [Fact]
    public async Task Poll_ServerAsksUsToSlowDown_TheRequestIsRetriedAfterRetryAfterAndThePollSucceeds()
    {
        _server.AddLead("sr-1", Some.Now.AddMinutes(-1));
        _server.TooManyRequests = 2;

        var report = await _services.Get<FhirLeadPoller>().PollAsync();

        Assert.Equal(1, report.Accepted);
        Assert.Equal(["GET /metadata", "GET /metadata", "GET /metadata"], _server.Log.Take(3)); // two 429s, then the answer
        Assert.Single(_server.Log, l => l.StartsWith("GET /ServiceRequest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Poll_ServerDoesNotDeclareAppointmentSearch_HealthSaysWhatIsMissingOnce_AndLeadsStillComeIn()
    {
        _server.Searchable.Remove("Appointment");
        _server.AddLead("sr-1", Some.Now.AddMinutes(-1));

        var report = await _services.Get<FhirLeadPoller>().PollAsync();
        await _services.Get<FhirLeadPoller>().PollAsync();

        Assert.Equal(1, report.Accepted);
        var health = await _services.Get<FhirStatus>().CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("capabilities: the server's CapabilityStatement does not declare: search on Appointment (bookings are not read)", health.Description);
        Assert.Single(_server.Log, l => l.StartsWith("GET /metadata", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Poll_ServerDeclaresIncludeOfTheSubject_EachPageBringsItsPatients_NoSeparatePatientReads()
    {
        _server.IncludeSubject = true;
        for (var i = 1; i <= 3; i++)
        {
            _server.AddLead($"sr-{i}", Some.Now.AddMinutes(-10 + i));
        }

        var report = await _services.Get<FhirLeadPoller>().PollAsync();

        Assert.Equal(3, report.Accepted);
        Assert.All(_server.Log.Where(l => l.StartsWith("GET /ServiceRequest", StringComparison.Ordinal)), l => Assert.Contains("_include=ServiceRequest:subject", l));
        Assert.DoesNotContain(_server.Log, l => l.StartsWith("GET /Patient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Poll_AWriteThatLandedLateInTheOverlap_IsTaken_AndTheOverlapIsReadAsIdsOnly()
    {
        _server.AddLead("sr-1", Some.Now.AddMinutes(-20));
        _server.AddLead("sr-2", Some.Now.AddMinutes(-10)); // the watermark after the first poll
        await _services.Get<FhirLeadPoller>().PollAsync();
        _server.AddLead("sr-late", Some.Now.AddMinutes(-12)); // committed late: updated before the watermark, seen only now
        var before = _server.Log.Count;

        var report = await _services.Get<FhirLeadPoller>().PollAsync();

        Assert.Equal(1, report.Accepted);
        using var db = _services.Db();
        Assert.Equal(3, db.Leads.Count());
        var requests = _server.Log.Skip(before).Where(l => l.StartsWith("GET /ServiceRequest", StringComparison.Ordinal)).ToList();
        Assert.Contains(requests, l => l.Contains("_elements=id,meta", StringComparison.Ordinal) && l.Contains("_lastUpdated=lt", StringComparison.Ordinal));
        Assert.Contains(requests, l => l.Contains("_id=sr-late", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, l => l.Contains("_id=sr-1", StringComparison.Ordinal) || l.Contains("_id=sr-2", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_WriteBackOnWithoutConditionalCreate_SaysToUseSearchBeforeCreate()
    {
        var statement = new Hl7.Fhir.Model.CapabilityStatement
        {
            Rest = [new() { Mode = Hl7.Fhir.Model.CapabilityStatement.RestfulCapabilityMode.Server, Resource = [.. new[] { "ServiceRequest", "Patient", "Appointment", "Communication" }
                .Select(t => new Hl7.Fhir.Model.CapabilityStatement.ResourceComponent { Type = t, Interaction = [new() { Code = Hl7.Fhir.Model.CapabilityStatement.TypeRestfulInteraction.SearchType }, new() { Code = Hl7.Fhir.Model.CapabilityStatement.TypeRestfulInteraction.Create }] })] }],
        };

        var missing = FhirCapabilities.Missing(statement, new FhirWriteBackOptions { Communications = true, Tasks = true });

        Assert.Equal(["conditional create of Communication, which keeps a retried write from making a second one: set Nurture:Fhir:WriteBack:SearchBeforeCreate=true if the server ignores If-None-Exist",
            "create of Task (Nurture:Fhir:WriteBack:Tasks is on)"], missing);
        Assert.Equal(["create of Task (Nurture:Fhir:WriteBack:Tasks is on)"], FhirCapabilities.Missing(statement, new FhirWriteBackOptions { Communications = true, Tasks = true, SearchBeforeCreate = true }));
    }

    [Theory]
    [InlineData(null, 0, 1)]
    [InlineData(null, 2, 4)]
    [InlineData(7, 0, 7)]
    [InlineData(3600, 0, 30)]
    public void WaitBefore_RetryAfterOrBackoff_CappedAtThirtySeconds(int? retryAfter, int attempt, int seconds)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        if (retryAfter is { } s)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(s));
        }

        Assert.Equal(TimeSpan.FromSeconds(seconds), FhirPoliteness.WaitBefore(response, attempt, Some.Now));
    }

    public void Dispose()
    {
        _services.Dispose();
        _server.Dispose();
    }
}
