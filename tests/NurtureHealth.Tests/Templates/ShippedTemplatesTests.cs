using NurtureHealth.Sequences;
using NurtureHealth.Templates;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Tests.Templates;

public sealed class ShippedTemplatesTests
{
    private static readonly TemplateLibrary Library = TemplateLibrary.Load(TestPaths.Templates, TestPaths.Locations);

    [Fact]
    public void Load_ShippedTemplatesAndSequences_HaveNoErrors()
    {
        var findings = new List<FileFinding>();
        var catalog = SequenceCatalog.TryLoad(TestPaths.Templates, Some.ShippedGroup, Library, findings);

        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
        Assert.NotNull(catalog);
        var nurture = catalog.Sequences.Where(s => s.Journey is null).ToList();
        Assert.True(nurture.Count >= 3);
        Assert.All(nurture, s => Assert.InRange(s.Steps.Count, 4, 7));
        Assert.All(catalog.Sequences, s => Assert.Contains(s.Steps, st => st.Channel == Channel.Email));
        Assert.All(catalog.Sequences, s => Assert.Contains(s.Steps, st => st.Channel == Channel.Sms));
        Assert.All(nurture, s => Assert.Equal([FunnelStage.Awareness, FunnelStage.Consideration, FunnelStage.Decision], s.Steps.Select(st => st.Stage).Distinct()));

        // After the booking: for every service line a reminder journey (care, reminders counted back from the start), a re-booking and a no-show recovery.
        foreach (var line in Some.ShippedGroup.ServiceLines.Keys)
        {
            var reminders = catalog.ForAppointment(line, AppointmentStatus.Booked);
            Assert.NotNull(reminders);
            Assert.All(reminders.Steps, st => Assert.Equal(FunnelStage.Care, st.Stage));
            Assert.Equal([TimeSpan.FromDays(3), TimeSpan.FromDays(1), TimeSpan.FromHours(2)], reminders.Steps.Select(st => st.Before).OfType<TimeSpan>());
            Assert.All(new[] { AppointmentStatus.Cancelled, AppointmentStatus.NoShow }, moment =>
                Assert.Contains(catalog.ForAppointment(line, moment)!.Steps, st => st.Stage == FunnelStage.Decision));
        }

        Assert.All(catalog.Sequences.SelectMany(s => s.Steps.Select(st => (s, st))), x =>
        {
            Assert.True(Library.HasGroupTemplate(x.s.Id, x.st.Id, "en"), $"{x.s.Id}/{x.st.Id} has no English template");
            Assert.True(Library.HasGroupTemplate(x.s.Id, x.st.Id, "es"), $"{x.s.Id}/{x.st.Id} has no Spanish template");
        });
        Assert.True(Library.All.Select(t => t.LocationId).OfType<string>().Distinct().Count() >= 2);
    }

    [Fact]
    public void Render_EveryShippedTemplateForEveryLocation_ProducesCompleteMessages()
    {
        var catalog = SequenceCatalog.TryLoad(TestPaths.Templates, Some.ShippedGroup, Library, [])!;
        // Links as long as real signed ones, so the SMS segment budget is measured honestly.
        var links = new LinksModel("https://nurture.lakeshorehealth.example/l/AbCdEfGhIjKlMnOpQrStUvWxYz012345", "https://nurture.lakeshorehealth.example/u/AbCdEfGhIjKlMnOpQrStUvWxYz012345");
        foreach (var location in Some.ShippedGroup.Locations)
        {
            foreach (var sequence in catalog.Sequences)
            {
                foreach (var line in sequence.ServiceLines)
                {
                    foreach (var language in new[] { "en", "es" })
                    {
                        foreach (var provider in new[] { location.Providers.FirstOrDefault(), null })
                        {
                            var model = MessageRenderer.Model(Some.ShippedGroup, location, provider, "Guadalupe", Library.StringsFor(language), links, line) with
                            {
                                Appointment = sequence.Journey is null ? AppointmentModel.None
                                    : MessageRenderer.Appointment(Some.Now.AddDays(3), false, location.TimeZone, Library.StringsFor(language)),
                            };
                            foreach (var step in sequence.Steps)
                            {
                                var template = Library.Find(location.Id, sequence.Id, step.Id, language)!;
                                Assert.Equal(language, template.Language);
                                if (step.Channel == Channel.Email)
                                {
                                    var email = MessageRenderer.RenderEmail(template, Library.LayoutFor(language), model);
                                    Assert.Contains(location.Address.ToString(), email.Html);
                                    Assert.Contains(links.Unsubscribe, email.Html);
                                    Assert.Contains(links.Unsubscribe, email.Text);
                                    Assert.Contains("Guadalupe", email.Text);
                                    Assert.DoesNotContain("{{", email.Html);
                                    Assert.False(string.IsNullOrWhiteSpace(email.Subject));
                                    if (step.Stage == FunnelStage.Decision)
                                    {
                                        Assert.Contains(links.Booking, email.Html);
                                    }
                                }
                                else
                                {
                                    var sms = MessageRenderer.RenderSms(template, model);
                                    if (!sequence.Reminds)
                                    {
                                        Assert.Contains("Guadalupe", sms.Body);
                                    }
                                    else
                                    {
                                        Assert.Contains(model.Appointment.When, sms.Body); // a reminder says when
                                    }

                                    Assert.DoesNotContain(line.Replace('-', ' '), sms.Body, StringComparison.OrdinalIgnoreCase);
                                    Assert.DoesNotContain(Some.ShippedGroup.ServiceLines[line].Name, sms.Body, StringComparison.OrdinalIgnoreCase);
                                    Assert.True(sms.Size.Segments <= 2, $"{template.Path} at {location.Id}: {sms.Size.Segments} segments ({sms.Size.Encoding}, {sms.Size.Length}): {sms.Body}");
                                    if (step.Stage == FunnelStage.Decision)
                                    {
                                        Assert.True(sms.Body.Contains(links.Booking, StringComparison.Ordinal) || sms.Body.Contains(model.Location.PhoneDisplay, StringComparison.Ordinal));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
