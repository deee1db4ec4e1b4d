using NurtureHealth;
using NurtureHealth.Locations;

// A clinic group's own ASP.NET Core app with NurtureHealth inside it: nurture's endpoints beside the app's own.
var builder = WebApplication.CreateBuilder(args);

// Request logs would write each path, and unsubscribe and booking links carry signed tokens in theirs.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
// An Unhealthy check would log an error on every probe; /health/ready already says why.
builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical);
// Small bodies everywhere; /intake/fhir and /bookings raise the limit once the caller's API key is checked.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 64 * 1024);

builder.Services.AddNurtureHealth(builder.Configuration);

var app = builder.Build();
app.MapNurtureEndpoints();

// The app's own endpoint, using a NurtureHealth service: the group's open locations, public facts only.
app.MapGet("/clinic/locations", (LocationCatalog catalog) =>
    catalog.Group.Locations.Where(l => l.Active).Select(l => new { l.Id, l.Name, l.Phone, l.BookingUrl }));

app.Run();
