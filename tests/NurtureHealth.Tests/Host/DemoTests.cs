using System.Text.Json;
using Microsoft.Data.Sqlite;
using MimeKit;

namespace NurtureHealth.Tests.Host;

/// <summary>Runs <c>nurture demo</c> once as a process and checks what patients actually received.</summary>
public sealed class DemoTests : IClassFixture<DemoTests.DemoRun>
{
    private readonly DemoRun _demo;

    public DemoTests(DemoRun demo) => _demo = demo;

    [Fact]
    public void Demo_EndsWithTheFunnelTableAndPassedChecks()
    {
        Assert.Equal(0, _demo.Result.ExitCode);
        Assert.Contains("Funnel by location", _demo.Result.Stdout);
        Assert.Matches(@"chicago-pilsen\s+62\s+61\s+\d+\s+\d+\s+\d+\s+\d+\s+0", _demo.Result.Stdout);
        Assert.Matches(@"\(not placed\)\s+0\s+0\s+0\s+0\s+0\s+0\s+7", _demo.Result.Stdout);
        Assert.Contains("each was sent inside its location's send window and names its location; no nurture message went to a patient after they booked or opted out, "
                        + "and every confirmation and reminder went before its appointment, never after it was cancelled, missed or attended", _demo.Result.Stdout);
        Assert.DoesNotContain("info:", _demo.Result.Stdout + _demo.Result.Stderr);
    }

    [Fact]
    public void Demo_SpanishSpeakerInMaryvale_GetsSpanishMessagesFromMaryvaleAndASpanishSpeakingProviderInsidePhoenixHours()
    {
        using var db = _demo.Open();
        var contact = Scalar<long>(db, "SELECT contact_id FROM leads WHERE first_name = 'Guadalupe' AND last_name = 'Rivera' AND postal_code = '85031'");
        Assert.Equal("phoenix-maryvale", Scalar<string>(db, $"SELECT location_id FROM enrollments WHERE contact_id = {contact}"));
        Assert.Equal("miguel-santos", Scalar<string>(db, $"SELECT provider_id FROM enrollments WHERE contact_id = {contact}"));
        var touches = Rows(db, $"SELECT id, channel, sent_at FROM touches WHERE contact_id = {contact} AND status = 'sent' ORDER BY id");
        Assert.True(touches.Count >= 2);
        var phoenix = TimeZoneInfo.FindSystemTimeZoneById("America/Phoenix");
        var texts = new List<string>();
        foreach (var (id, channel, sentAt) in touches)
        {
            var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(sentAt), phoenix);
            var (open, close) = channel == "sms" ? (10, 19) : (9, 20); // group.yaml: email 09:00-20:00, SMS 10:00-19:00
            Assert.InRange(local.TimeOfDay, TimeSpan.FromHours(open), TimeSpan.FromHours(close) - TimeSpan.FromTicks(1));
            texts.Add(channel == "sms" ? _demo.Sms[id] : MimeMessage.Load(Path.Combine(_demo.Outbox, "email", $"{id:D8}.eml")).TextBody ?? "");
        }

        Assert.All(texts, t => Assert.Contains("Maryvale", t));
        Assert.All(texts, t => Assert.Matches("Hola|Responda STOP|Le presentamos|Gracias", t));
        Assert.Contains(texts, t => t.Contains("Miguel Santos", StringComparison.Ordinal));
    }

    [Fact]
    public void Demo_PatientsWhoBooked_ReceivedNothingAfterBooking()
    {
        using var db = _demo.Open();
        var bookings = Rows(db, "SELECT contact_id, 'booked', at FROM contact_events WHERE type = 'booked'");
        Assert.True(bookings.Count >= 10, "the simulated patients include bookers");
        foreach (var (contact, _, at) in bookings)
        {
            // Nurture stops; what follows a booking is its appointment journey (confirmation, reminders, recovery).
            Assert.Equal(0, Scalar<long>(db, $"SELECT COUNT(*) FROM touches t JOIN enrollments e ON e.id = t.enrollment_id WHERE t.contact_id = {contact} AND t.status = 'sent' AND t.sent_at > {at} AND e.appointment_id IS NULL AND e.enrolled_at <= {at}"));
        }

        var optOuts = Rows(db, "SELECT contact_id, 'opted-out', at FROM contact_events WHERE type = 'opted-out'");
        Assert.NotEmpty(optOuts);
        foreach (var (contact, _, at) in optOuts)
        {
            Assert.Equal(0, Scalar<long>(db, $"SELECT COUNT(*) FROM touches WHERE contact_id = {contact} AND status = 'sent' AND sent_at > {at}"));
        }
    }

    [Fact]
    public void Demo_ReadersWhoClickedGetTheProviderAndHotLeadsReachStaffWithOnlyWhatTheyNeed()
    {
        Assert.Matches(@"skin-guide/meet-provider: meet-provider [1-9]\d* \(clicked what-to-expect and provider-matched\); patient-story [1-9]\d* \(otherwise\)", _demo.Result.Stdout);
        Assert.Matches(@"Hot leads handed to the locations' staff: [1-9]\d* clicked to book", _demo.Result.Stdout);
        using var db = _demo.Open();

        // Everyone who got the provider's introduction had clicked "what to expect"; everyone who had not got the story.
        var branch = Rows(db, """
            SELECT t.id, t.template_path, EXISTS (SELECT 1 FROM contact_events e JOIN touches w ON w.id = e.touch_id
                                            WHERE e.type = 'clicked' AND w.enrollment_id = t.enrollment_id AND w.step_id = 'what-to-expect')
            FROM touches t JOIN enrollments n ON n.id = t.enrollment_id
            WHERE n.sequence_id = 'skin-guide' AND t.step_id = 'meet-provider' AND t.status = 'sent'
            """);
        Assert.Contains(branch, r => r.At == 1);
        Assert.Contains(branch, r => r.At == 0);
        Assert.All(branch.Where(r => r.Text.Contains("meet-provider.", StringComparison.Ordinal)), r => Assert.Equal(1, r.At));
        Assert.All(branch.Where(r => r.At == 0), r => Assert.Contains("patient-story.", r.Text, StringComparison.Ordinal));

        var staff = Directory.GetFiles(Path.Combine(_demo.Outbox, "email"), "staff-*.eml").Select(f => MimeMessage.Load(f)).ToList();
        Assert.NotEmpty(staff);
        foreach (var message in staff)
        {
            Assert.Matches(@"^frontdesk@[a-z-]+\.lakeshorehealth\.example$", message.To.Mailboxes.Single().Address);
            Assert.Matches(@"First name: \S+\nCall back: \(\d{3}\) \d{3}-\d{4}|First name: \S+\nCall back: no phone", message.TextBody!.Replace("\r", "", StringComparison.Ordinal));
            Assert.Matches("Why now: (clicked to book 24 hours ago and has not booked|score \\d+ crossed)", message.TextBody);
            Assert.DoesNotContain("@example", message.TextBody, StringComparison.Ordinal); // no patient email address
        }
    }

    [Fact]
    public void Demo_EveryEmailCarriesOneClickUnsubscribeAndThePostalAddress()
    {
        // Patients' emails are named by touch id; staff-*.eml are the hand-off notes to the locations' staff.
        var files = Directory.GetFiles(Path.Combine(_demo.Outbox, "email"), "*.eml").Where(f => !Path.GetFileName(f).StartsWith("staff-", StringComparison.Ordinal)).ToArray();
        Assert.True(files.Length > 500);
        foreach (var file in files.Take(200))
        {
            var message = MimeMessage.Load(file);
            Assert.StartsWith("<https://nurture.lakeshorehealth.example/u/", message.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.Contains(Some.ShippedGroup.Locations, l => message.TextBody!.Contains(l.Address.ToString(), StringComparison.Ordinal) && message.HtmlBody!.Contains(l.Address.ToString(), StringComparison.Ordinal));
            Assert.DoesNotContain(message.To.Mailboxes.Single().Address, message.Headers["List-Unsubscribe"]);
        }
    }

    [Fact]
    public void Demo_PatientsWhoBooked_GotAConfirmationAndRemindersBeforeTheirVisit_AndTheShowRateIsPrinted()
    {
        Assert.Matches(@"After the booking \([1-9]\d* confirmations and [1-9]\d* reminders sent", _demo.Result.Stdout);
        Assert.Matches(@"\ntotal\s+[1-9]\d*\s+[1-9]\d*\s+[1-9]\d*\s+[1-9]\d*\s+[1-9]\d*\s+\d+\s+[1-9]\d*\s+\d+\s+[1-9]\d*\s+\d+\.\d", _demo.Result.Stdout);
        using var db = _demo.Open();
        var reminders = Rows(db, "SELECT t.id, t.step_id, t.sent_at FROM touches t WHERE t.care AND t.status = 'sent'");
        Assert.Contains(reminders, r => r.Text == "confirmation");
        Assert.Contains(reminders, r => r.Text == "reminder-1d");
        // Every one went before the start it was for, and never after its appointment was cancelled, missed or attended.
        Assert.Equal(0, Scalar<long>(db, "SELECT COUNT(*) FROM touches WHERE care AND status = 'sent' AND sent_at >= not_after"));
        Assert.Equal(0, Scalar<long>(db, """
            SELECT COUNT(*) FROM touches t JOIN enrollments e ON e.id = t.enrollment_id JOIN appointment_changes c ON c.appointment_id = e.appointment_id
            WHERE t.care AND t.status = 'sent' AND c.change IN ('cancelled', 'no-show', 'attended') AND t.sent_at > c.at
            """));
        // Some confirmed by text ("C"), and the reminders of a moved appointment were for its new time.
        Assert.True(Scalar<long>(db, "SELECT COUNT(*) FROM appointments WHERE confirmed_at IS NOT NULL") > 0);
        Assert.True(Scalar<long>(db, "SELECT COUNT(*) FROM touches WHERE status = 'cancelled' AND outcome LIKE 'cancelled: rescheduled%'") > 0);
    }

    [Fact]
    public void Demo_SmsNeverNamesTheServiceLine()
    {
        var lines = new[] { "dermatology", "cosmetic", "implant", "aligner", "eczema", "acne", "psoriasis" };
        Assert.All(_demo.Sms.Values, body => Assert.DoesNotContain(lines, l => body.Contains(l, StringComparison.OrdinalIgnoreCase)));
    }

    private static T Scalar<T>(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<(long Id, string Text, long At)> Rows(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return rows;
    }

    public sealed class DemoRun : IDisposable
    {
        private readonly TempFolder _folder = new();

        public DemoRun()
        {
            Result = NurtureProcess.Run("demo", "--out", _folder.Path);
            Outbox = Path.Combine(_folder.Path, "outbox");
            var smsFile = Path.Combine(Outbox, "sms.ndjson");
            Sms = File.Exists(smsFile)
                ? File.ReadLines(smsFile).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("touch_id").GetInt64(), e => e.GetProperty("body").GetString()!)
                : [];
        }

        public NurtureProcess.Result Result { get; }

        public string Outbox { get; }

        public Dictionary<long, string> Sms { get; }

        public SqliteConnection Open()
        {
            var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, "nurture.db")};Mode=ReadOnly");
            connection.Open();
            return connection;
        }

        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }
    }
}
