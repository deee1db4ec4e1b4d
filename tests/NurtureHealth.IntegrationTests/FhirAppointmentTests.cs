using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Messaging.Sms;
using Task = System.Threading.Tasks.Task;

namespace NurtureHealth.IntegrationTests;

/// <summary>
/// An appointment's life in a real FHIR R4 server (Medplum's router) read by <c>nurture run</c>: booked (a confirmation
/// email, reminders planned before its start), its <c>start</c> changed (every reminder planned again), confirmed by a
/// "C" text (written back: the patient's participant status becomes accepted), cancelled (reminders stop, re-booking
/// starts); another one missed (no-show recovery), and a third attended.
/// </summary>
public sealed class FhirAppointmentTests
{
    private const string ServiceLineSystem = "https://nurturehealth.example/fhir/service-line";
    private const string TagSystem = "https://nurturehealth.example/fhir/tags";
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Run_AppointmentBookedMovedConfirmedCancelled_ThenMissed_ThenAttended_RunsItsJourneysAndWritesTheConfirmationBack()
    {
        using var clinic = new MiddayClinic();
        await using var fhir = await FhirServer.StartAsync();
        await using var mail = await MailDev.StartAsync();
        var client = fhir.Client();
        await using var worker = await Worker.StartAsync(clinic.Folder, new Dictionary<string, string>
        {
            ["Nurture__Smtp__Host"] = "127.0.0.1",
            ["Nurture__Smtp__Port"] = mail.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Nurture__Smtp__Security"] = "None",
            ["Nurture__Fhir__BaseUrl"] = fhir.BaseUrl,
            ["Nurture__Fhir__PollInterval"] = "00:00:01",
            ["Nurture__Fhir__WriteBack__Confirmations"] = "true",
            ["Nurture__Fhir__WriteBack__Interval"] = "00:00:01",
        });

        var patient = await client.CreateAsync(new Patient
        {
            Name = [new HumanName { Given = ["Rosa"], Family = "Tester" }],
            Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, "rosa.t@example.com"),
                new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, "(312) 555-0188")],
            Address = [new Address { PostalCode = "60614" }],
        });
        await client.CreateAsync(new ServiceRequest
        {
            Meta = new Meta { Tag = [new Coding(TagSystem, "nurture")] },
            Status = RequestStatus.Active,
            Intent = RequestIntent.Proposal,
            Subject = new ResourceReference($"Patient/{patient!.Id}"),
            Code = new CodeableConcept(ServiceLineSystem, "dermatology", "Rosacea"),
            AuthoredOn = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        });
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM enrollments WHERE status = 'active'") == 1), TimeSpan.FromSeconds(60)),
            "the ServiceRequest did not become an enrolled lead\n" + worker.Log);

        // Booked: the nurture ends, the confirmation goes, the reminders are planned before the start.
        var start = Minute(TimeProvider.System.GetUtcNow().AddDays(5));
        var appointment = await client.CreateAsync(Visit(patient.Id!, start, Appointment.AppointmentStatus.Booked));
        var booking = $"Appointment/{appointment!.Id}";
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar($"SELECT COUNT(*) FROM appointments WHERE booking_id = '{booking}' AND status = 'booked'") == 1),
            TimeSpan.FromSeconds(60)), "the booked Appointment made no appointment record\n" + worker.Log);
        Assert.True(await Worker.WaitAsync(async () => (await mail.EmailsAsync()).Any(e => e.GetProperty("subject").GetString()!.Contains("is booked", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60)), "no confirmation email\n" + worker.Log);
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM enrollments WHERE sequence_id = 'consult-reminders' AND status = 'active'"));
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM enrollments WHERE appointment_id IS NULL AND status = 'active'"));
        const string PlannedForItsStart = "SELECT COUNT(*) FROM touches t JOIN enrollments e ON e.id = t.enrollment_id JOIN appointments a ON a.id = e.appointment_id "
                                          + "WHERE t.status = 'scheduled' AND t.care AND t.not_after = a.start AND t.due_at < a.start";
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar(PlannedForItsStart) == 1), TimeSpan.FromSeconds(30)), "no reminder planned before the start\n" + worker.Log);

        // The scheduler moves it: what was planned for the old time is cancelled, and planned again for the new one.
        appointment.Start = start.AddDays(2);
        appointment.End = start.AddDays(2).AddMinutes(30);
        appointment = await client.UpdateAsync(appointment);
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM appointment_changes WHERE change = 'rescheduled'") == 1), TimeSpan.FromSeconds(60)),
            "the new start was not seen as a reschedule\n" + worker.Log);
        Assert.True(worker.Scalar("SELECT COUNT(*) FROM touches WHERE status = 'cancelled' AND outcome LIKE 'cancelled: rescheduled%'") >= 1);
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar(PlannedForItsStart) == 1), TimeSpan.FromSeconds(30)), "no reminder planned for the new start\n" + worker.Log);

        // "C" by text: confirmed, and written back to the Appointment as the patient's acceptance.
        var answer = await TextAsync(worker, "+13125550188", "C", "SM" + new string('7', 32));
        Assert.Contains("is confirmed", answer, StringComparison.Ordinal);
        Assert.True(await Worker.WaitAsync(async () => (await client.ReadAsync<Appointment>(booking))!.Participant.Any(p => p.Actor?.Reference == $"Patient/{patient.Id}"
            && p.Status == ParticipationStatus.Accepted), TimeSpan.FromSeconds(60)), "the confirmation was not written back\n" + worker.Log);
        // The server has it before the worker records that it wrote it: wait for the record too.
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM appointments WHERE confirmation_written_at IS NOT NULL") == 1),
            TimeSpan.FromSeconds(30)), "the write-back was not recorded\n" + worker.Log);

        // Cancelled: the reminders stop, and the re-booking journey starts.
        appointment = await client.ReadAsync<Appointment>(booking);
        appointment!.Status = Appointment.AppointmentStatus.Cancelled;
        await client.UpdateAsync(appointment);
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar($"SELECT COUNT(*) FROM appointments WHERE booking_id = '{booking}' AND status = 'cancelled'") == 1),
            TimeSpan.FromSeconds(60)), "the cancellation was not seen\n" + worker.Log);
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM touches WHERE care AND status = 'scheduled'"));
        Assert.Equal("completed", worker.Text("SELECT status FROM enrollments WHERE sequence_id = 'consult-reminders'"));
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM enrollments WHERE sequence_id = 'rebook' AND status = 'active'"));

        // Booked again (the cancellation is re-booked), then missed: the no-show recovery starts.
        var second = await client.CreateAsync(Visit(patient.Id!, start.AddDays(3), Appointment.AppointmentStatus.Booked));
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar($"SELECT COUNT(*) FROM appointments WHERE booking_id = 'Appointment/{second!.Id}' AND rebooks_id IS NOT NULL") == 1),
            TimeSpan.FromSeconds(60)), "the second booking was not recorded as re-booking the cancelled one\n" + worker.Log);
        Assert.Equal("booked", worker.Text("SELECT status FROM enrollments WHERE sequence_id = 'rebook'"));
        second!.Status = Appointment.AppointmentStatus.Noshow;
        await client.UpdateAsync(second);
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM enrollments WHERE sequence_id = 'missed-visit' AND status = 'active'") == 1),
            TimeSpan.FromSeconds(60)), "the no-show did not start the recovery journey\n" + worker.Log);

        // A third, attended (arrived): recorded as attended, and nothing is left running for it.
        var third = await client.CreateAsync(Visit(patient.Id!, start.AddDays(4), Appointment.AppointmentStatus.Booked));
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar($"SELECT COUNT(*) FROM appointments WHERE booking_id = 'Appointment/{third!.Id}'") == 1),
            TimeSpan.FromSeconds(60)), "the third booking was not recorded\n" + worker.Log);
        third!.Status = Appointment.AppointmentStatus.Arrived;
        await client.UpdateAsync(third);
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar($"SELECT COUNT(*) FROM appointments WHERE booking_id = 'Appointment/{third.Id}' AND status = 'attended'") == 1),
            TimeSpan.FromSeconds(60)), "the arrival was not recorded\n" + worker.Log);
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM enrollments WHERE status = 'active'"));
        Assert.Equal(["booked", "rescheduled", "confirmed", "cancelled", "booked", "no-show", "booked", "attended"],
            Enumerable.Range(0, 8).Select(i => worker.Text($"SELECT change FROM appointment_changes ORDER BY id LIMIT 1 OFFSET {i}")).ToList());
    }

    private static Appointment Visit(string patient, DateTimeOffset start, Appointment.AppointmentStatus status) => new()
    {
        Status = status,
        Start = start,
        End = start.AddMinutes(30),
        Participant = [new Appointment.ParticipantComponent { Actor = new ResourceReference($"Patient/{patient}"), Status = ParticipationStatus.NeedsAction }],
    };

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);

    /// <summary>A text from the patient, through the Twilio webhook, signed as Twilio signs; returns the TwiML answer.</summary>
    private static async Task<string> TextAsync(Worker worker, string from, string body, string sid)
    {
        var form = new Dictionary<string, string> { ["From"] = from, ["To"] = MiddayClinic.SmsNumber, ["Body"] = body, ["MessageSid"] = sid };
        var url = $"{worker.BaseUrl}/twilio/inbound";
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(Worker.AuthToken, url, form));
        using var response = await Http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
