using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Messaging.Outbox;
using NurtureHealth.Scheduling;
using NurtureHealth.Sequences;
using NurtureHealth.Storage;
using Quartz;

namespace NurtureHealth.Host.Commands.Demo;

/// <summary>
/// <c>nurture demo</c>: the whole product in one command. Imports the sample leads into a fresh database in
/// its own folder, places and enrolls them, then lets four weeks of nurture play out on a simulated clock
/// driven in lock-step with the real Quartz dispatch job, with simulated patients who book, opt out, read
/// or ignore. Ends with the funnel per location, checks of every message sent, and the outbox path.
/// Run twice, it prints the same.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The simulated start: Monday 23 November 2026, 8 AM in Chicago.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);

    public static Command Create()
    {
        var output = new Option<string>("--out") { HelpName = "DIR", Description = "The demo's working folder (its database and outbox are recreated each run).", DefaultValueFactory = _ => "nurture-demo" };
        var leads = new Option<string[]>("--leads")
        {
            Description = "Lead files to import.",
            HelpName = "FILE",
            DefaultValueFactory = _ => ["samples/leads.ndjson", "samples/leads.csv"],
            AllowMultipleArgumentsPerToken = true,
        };
        var days = new Option<int>("--days") { HelpName = "N", Description = "Simulated days to play out.", DefaultValueFactory = _ => 28 };
        var locations = CommonOptions.Locations();
        var templates = CommonOptions.Templates();
        var command = new Command("demo", "Import the sample leads and play four weeks of nurture on a simulated clock; print the funnel per location.")
        {
            output, leads, days, locations, templates,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var folder = Path.GetFullPath(result.GetValue(output)!);
            Reset(folder);
            var overrides = CommonOptions.Overrides(result, locations, null);
            if (result.GetValue(templates) is { } t)
            {
                overrides["Nurture:Templates:Path"] = t;
            }

            // From an empty folder, the published binary's own sample group and templates stand in (never for nurture run).
            foreach (var (key, folderName) in new[] { ("Nurture:Locations:Path", "locations"), ("Nurture:Templates:Path", "templates") })
            {
                if (!overrides.ContainsKey(key) && Environment.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal)) is null && Shipped(folderName) is { } shipped)
                {
                    overrides[key] = shipped;
                }
            }

            // The demo's rows hold simulated instants: always its own SQLite file, whatever the worker's database is.
            overrides["Nurture:Storage:Provider"] = "Sqlite";
            overrides["Nurture:Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, "nurture.db")}";
            overrides["Nurture:Outbox:Path"] = Path.Combine(folder, "outbox");
            overrides["Nurture:Inbox:Enabled"] = "false";
            overrides["Nurture:Links:BaseUrl"] = "https://nurture.lakeshorehealth.example";
            overrides["Nurture:Links:SigningKey"] = "demo-only-signing-key-never-use-in-production";
            overrides["Nurture:Dispatch:MaxIdle"] = "7.00:00:00";
            overrides["Nurture:Dispatch:Parallelism"] = "1";
            overrides["Nurture:Retention:Enabled"] = "false"; // its simulated weeks must not purge the outbox it checks
            var clock = new FakeTimeProvider(Start);
            return ToolHost.RunAsync(overrides, needsDatabase: true,
                (host, ct) => RunAsync(host, clock, folder, result.GetValue(leads)!.Select(f => Shipped(f) ?? f).ToArray(), result.GetValue(days), ct),
                services =>
                {
                    services.AddSingleton<TimeProvider>(clock);
                    services.AddSingleton<DispatchCompletions>();
                    services.AddSingleton<DemoWakes>();
                    services.AddSingleton<NurtureHealth.Touches.IWorkArrived>(sp => sp.GetRequiredService<DemoWakes>());
                    services.AddQuartz(q => q.AddTriggerListener(sp => sp.GetRequiredService<DispatchCompletions>()));
                }, cancellationToken);
        });
        return command;
    }

    /// <summary>The copy published beside the binary of a relative file or folder that is not in the working folder; null when it is, or there is none.</summary>
    private static string? Shipped(string relative) =>
        !Path.IsPathRooted(relative) && !Path.Exists(relative) && Path.Combine(AppContext.BaseDirectory, relative) is var beside && Path.Exists(beside) ? beside : null;

    private static void Reset(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "nurture.db", "nurture.db-wal", "nurture.db-shm" })
        {
            File.Delete(Path.Combine(folder, file));
        }

        var outbox = Path.Combine(folder, "outbox");
        if (Directory.Exists(outbox))
        {
            Directory.Delete(outbox, recursive: true);
        }
    }

    private static async Task<int> RunAsync(IHost host, FakeTimeProvider clock, string folder, string[] files, int days, CancellationToken cancellationToken)
    {
        var services = host.Services;
        var group = services.GetRequiredService<LocationCatalog>().Group;
        var content = services.GetRequiredService<SequenceContent>();
        Console.WriteLine($"NurtureHealth demo — {group.Name}: {group.Locations.Count} locations ({group.Locations.Count(l => l.Active)} active), " +
                          $"{group.Locations.Sum(l => l.Providers.Count)} providers, {Ids(s => s.Journey is null).Count} sequences ({string.Join(", ", Ids(s => s.Journey is null))}) " +
                          $"and {Ids(s => s.Journey is not null).Count} appointment journeys ({string.Join(", ", Ids(s => s.Journey is not null))})");
        List<string> Ids(Func<Sequence, bool> kind) => content.Sequences.Sequences.Where(kind).Select(s => s.Id).ToList();
        Console.WriteLine($"Simulated clock starts {Start:yyyy-MM-dd HH:mm} UTC and runs {days} days. Working folder: {folder}");
        Console.WriteLine();

        var importer = services.GetRequiredService<LeadImporter>();
        foreach (var file in files)
        {
            try
            {
                var report = importer.ImportFile(file, cancellationToken);
                var rejected = string.Join(", ", report.RejectedByReason.Select(r => $"{r.Code} {r.Count}"));
                Console.WriteLine($"Imported {file}: {report.Records} records, {report.Accepted} accepted ({report.Merged} merged into a known person), " +
                                  $"{report.Rejected} rejected{(report.Rejected > 0 ? $" ({rejected})" : "")}");
            }
            catch (LeadFileException e)
            {
                await Console.Error.WriteLineAsync($"Cannot import {file}: {e.Message}");
                return ImportCommand.UnreadableFile;
            }
        }

        var enrollment = await services.GetRequiredService<Enroller>().EnrollPendingAsync(cancellationToken);
        Console.WriteLine($"Enrolled {enrollment.Enrolled} leads; not enrolled: {enrollment.NotPlaced} not placed (no position, unknown ZIP or too far), " +
                          $"{enrollment.AlreadyEnrolled} already enrolled (a re-submission), {enrollment.NoSequence} without a sequence, {enrollment.Unreachable} unreachable");
        Console.WriteLine("(`nurture import samples/leads.ndjson` lists every rejected record and why.)");
        Console.WriteLine();

        await host.StartAsync(cancellationToken);
        var progress = new DemoProgress(services.GetRequiredService<IDbContextFactory<NurtureDbContext>>(), group.Find("chicago-lincoln-park")?.TimeZone ?? TimeZoneInfo.Utc);
        var simulator = ActivatorUtilities.CreateInstance<PatientSimulator>(services);
        var lockStep = ActivatorUtilities.CreateInstance<LockStepClock>(services, clock);
        var end = Start.AddDays(days);
        Console.WriteLine("Day              sent   email  SMS  booked  opted out  still enrolled");
        while (!cancellationToken.IsCancellationRequested)
        {
            // Settle: a fire due now may run on its own; look at what every finished run sent before choosing the next step.
            DateTimeOffset? nextFire;
            long runs;
            do
            {
                runs = lockStep.Completed;
                nextFire = await lockStep.NextFireAsync(cancellationToken);
                await simulator.ObserveAsync(cancellationToken);
            }
            while (lockStep.Completed != runs);

            var nextEvent = simulator.NextAt;
            if (nextEvent is { } e && (nextFire is null || e < nextFire))
            {
                if (e > end)
                {
                    break;
                }

                lockStep.MoveTo(e);
                await progress.BeforeAsync(lockStep.Now, cancellationToken); // a day with bookings but no dispatch run still gets its line
                await simulator.ApplyDueAsync(lockStep.Now, cancellationToken);
                if (services.GetRequiredService<DemoWakes>().Take())
                {
                    // A booking planned its confirmation, due now: the dispatch job runs now, as the worker's wake-up would make it.
                    await services.GetRequiredService<NurtureHealth.Cycle.DispatchSchedule>().WakeAsync(lockStep.Now, cancellationToken);
                }

                continue;
            }

            if (nextFire is null || nextFire > end)
            {
                break;
            }

            await progress.BeforeAsync(nextFire.Value, cancellationToken);
            if (!await lockStep.RunFireAsync(nextFire.Value, cancellationToken))
            {
                continue; // the trigger moved meanwhile: look again
            }

            await simulator.ObserveAsync(cancellationToken);
            if (simulator.NextAt is null && await progress.QuietAsync(cancellationToken))
            {
                break;
            }
        }

        await progress.FinishAsync(cancellationToken);
        await host.StopAsync(CancellationToken.None);

        await using var db = await services.GetRequiredService<IDbContextFactory<NurtureDbContext>>().CreateDbContextAsync(cancellationToken);
        Console.WriteLine();
        Console.WriteLine("Funnel by location (leads placed there, enrolled, messages sent, people who booked or opted out):");
        DemoReport.PrintFunnel(Console.Out, await DemoReport.FunnelAsync(db, group, cancellationToken));
        Console.WriteLine();
        var visits = await Reporting.VisitFunnel.BuildAsync(db, group, new Reporting.ReportFilter(), cancellationToken);
        var reminders = await db.Touches.Where(t => t.Care && t.Status == Touches.TouchStatus.Sent).GroupBy(t => t.StepIndex == 0).Select(g => new { First = g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.First, x => x.N, cancellationToken);
        Console.WriteLine($"After the booking ({reminders.GetValueOrDefault(true)} confirmations and {reminders.GetValueOrDefault(false)} reminders sent; " +
                          "show rate = attended ÷ (attended + missed); visits still to come count in booked only):");
        DemoReport.PrintVisits(Console.Out, visits);
        Console.WriteLine();
        await DemoBranches.PrintAsync(Console.Out, db, content.Sequences, cancellationToken);
        var outbox = services.GetRequiredService<FileOutbox>();
        var (checkedCount, failures) = await DemoReport.CheckAsync(db, group, services.GetRequiredService<SendWindowPolicy>(), outbox, cancellationToken);
        Console.WriteLine();
        if (failures.Count == 0)
        {
            Console.WriteLine($"Checked all {checkedCount} messages in the outbox: each was sent inside its location's send window and names its location; " +
                              "no nurture message went to a patient after they booked or opted out, and every confirmation and reminder went before its appointment, " +
                              "never after it was cancelled, missed or attended.");
        }
        else
        {
            Console.WriteLine($"{failures.Count} of {checkedCount} messages FAILED the checks:");
            failures.ForEach(f => Console.WriteLine("  " + f));
        }

        var page = await ReportCommand.WriteAsync(services, group, new Reporting.ReportFilter(), "html", Path.Combine(folder, "report.html"), cancellationToken);
        Console.WriteLine($"Report: {page} — open it in a browser (or: nurture report --db {Path.Combine(folder, "nurture.db")} --format table|csv|json|html)");
        Console.WriteLine($"Outbox: {outbox.EmailFolder} (one .eml per email) and {outbox.SmsFile} (one line per SMS)");
        Console.WriteLine($"Database: {Path.Combine(folder, "nurture.db")}");
        return failures.Count == 0 ? 0 : 1;
    }
}
