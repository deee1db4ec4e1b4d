using System.Net;
using System.Text.RegularExpressions;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Messaging.Sms;

namespace NurtureHealth.IntegrationTests;

/// <summary>
/// <c>nurture run</c> with email through a real SMTP server (MailDev) and SMS through Twilio's contract (Prism):
/// what a patient receives, and what their unsubscribe and STOP do.
/// </summary>
public sealed class DeliveryTests
{
    private static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false });

    [Fact]
    public async Task Run_EmailThroughSmtp_CarriesOneClickUnsubscribeThatSuppressesTheAddressAndSkipsItsPendingEmail()
    {
        using var clinic = new MiddayClinic();
        await using var mail = await MailDev.StartAsync();
        await using var worker = await Worker.StartAsync(clinic.Folder, new Dictionary<string, string>
        {
            ["Nurture__Smtp__Host"] = "127.0.0.1",
            ["Nurture__Smtp__Port"] = mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Nurture__Smtp__Security"] = "None",
        });

        worker.Drop("web.ndjson", Lead("web-1", email: "maria@example.com", phone: null, source: "guide-download"));
        Assert.True(await Worker.WaitAsync(async () => (await mail.EmailsAsync()).Count > 0, TimeSpan.FromSeconds(90)), "no email reached MailDev\n" + worker.Log);

        var emails = await mail.EmailsAsync();
        Assert.True(emails.Count == 1, $"{emails.Count} emails: {string.Join(" | ", emails.Select(e => e.GetProperty("subject").GetString()))}");
        var email = emails[0];
        var source = await mail.SourceAsync(email.GetProperty("id").GetString()!);
        var unsubscribe = Regex.Match(source, @"List-Unsubscribe:\s*<(?<url>[^>]+)>").Groups["url"].Value;
        Assert.StartsWith($"{worker.BaseUrl}/u/", unsubscribe);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", source);
        Assert.Equal("maria@example.com", email.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Contains("2400 N Lincoln Ave, Chicago, IL 60614", email.GetProperty("text").GetString());
        Assert.Contains(unsubscribe, email.GetProperty("html").GetString());
        Assert.DoesNotContain("maria", unsubscribe, StringComparison.OrdinalIgnoreCase);
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM touches WHERE channel = 'email' AND status = 'scheduled'") == 1), TimeSpan.FromSeconds(30)),
            "the next email was not planned");

        var page = await Http.GetAsync(unsubscribe);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync());
        var oneClick = await Http.PostAsync(unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        var token = unsubscribe[(unsubscribe.LastIndexOf('/') + 1)..];
        Assert.True(!worker.Log.Contains(token, StringComparison.Ordinal), "the unsubscribe token reached the log:\n" + worker.Log);
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM suppressions WHERE channel = 'email' AND address = 'maria@example.com' AND reason = 'unsubscribed'"));
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM touches WHERE channel = 'email' AND status = 'scheduled'"));
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM touches WHERE channel = 'email' AND status = 'cancelled' AND outcome = 'cancelled: unsubscribed from email'"));
        Assert.True(HttpStatusCode.NotFound == (await Http.GetAsync($"{worker.BaseUrl}/u/not-a-token")).StatusCode, worker.Log);
    }

    [Fact]
    public async Task Run_StopWithAValidSignature_CancelsTheNumbersPendingSmsAndAForgedOneChangesNothing()
    {
        using var clinic = new MiddayClinic();
        await using var mail = await MailDev.StartAsync();
        await using var twilio = await Prism.StartAsync();
        await using var worker = await Worker.StartAsync(clinic.Folder, new Dictionary<string, string>
        {
            ["Nurture__Smtp__Host"] = "127.0.0.1",
            ["Nurture__Smtp__Port"] = mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Nurture__Smtp__Security"] = "None",
            ["Nurture__Twilio__AccountSid"] = "AC" + new string('a', 32),
            ["Nurture__Twilio__BaseUrl"] = twilio.BaseUrl,
        });
        worker.Drop("web.ndjson", Lead("web-2", email: "ana@example.com", phone: "(312) 555-0101", source: "guide-download"));
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM touches WHERE channel = 'sms' AND status = 'scheduled'") == 1),
            TimeSpan.FromSeconds(90)), "the SMS step was not planned\n" + worker.Log);

        var form = new Dictionary<string, string> { ["From"] = "+13125550101", ["To"] = MiddayClinic.SmsNumber, ["Body"] = " stop ", ["MessageSid"] = "SM" + new string('1', 32) };
        var url = $"{worker.BaseUrl}/twilio/inbound";
        var forged = await PostAsync(url, form, TwilioSignature.Compute("wrong-token", url, form));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM touches WHERE channel = 'sms' AND status = 'scheduled'"));
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM suppressions"));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(url, form, null)).StatusCode);

        var genuine = await PostAsync(url, form, TwilioSignature.Compute(Worker.AuthToken, url, form));

        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Contains("unsubscribed", await genuine.Content.ReadAsStringAsync());
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM touches WHERE channel = 'sms' AND status = 'scheduled'"));
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM touches WHERE channel = 'sms' AND status = 'cancelled' AND outcome = 'cancelled: opted out of SMS (STOP)'"));
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM suppressions WHERE channel = 'sms' AND address = '+13125550101'"));
        // Email carries on: the STOP wakes the worker, which plans the next step on the other channel.
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM touches WHERE channel = 'email' AND status = 'scheduled'") == 1),
            TimeSpan.FromSeconds(30)), "the next email step was not planned\n" + worker.Log);

        var again = await PostAsync(url, form, TwilioSignature.Compute(Worker.AuthToken, url, form));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("<Response/>", await again.Content.ReadAsStringAsync()); // Twilio retried: handled once, one confirmation

        // "stop." in other words, from the same number in a new message: already out, so no second confirmation either.
        var plain = new Dictionary<string, string>(form) { ["Body"] = "Please stop texting me!", ["MessageSid"] = "SM" + new string('9', 32) };
        Assert.Equal("<Response/>", await (await PostAsync(url, plain, TwilioSignature.Compute(Worker.AuthToken, url, plain))).Content.ReadAsStringAsync());
        Assert.Equal(2, worker.Scalar("SELECT COUNT(*) FROM inbound_messages WHERE kind = 'stop'"));
    }

    [Fact]
    public async Task Run_SmsThroughTwilio_PassesTwilioContractAndRecordsTheSid()
    {
        using var clinic = new MiddayClinic();
        await using var twilio = await Prism.StartAsync();
        await using var worker = await Worker.StartAsync(clinic.Folder, new Dictionary<string, string>
        {
            ["Nurture__Twilio__AccountSid"] = "AC" + new string('b', 32),
            ["Nurture__Twilio__BaseUrl"] = twilio.BaseUrl,
            ["Nurture__Twilio__ApiKeySid"] = "SK" + new string('c', 32),
            ["Nurture__Twilio__ApiKeySecret"] = "secret",
        });
        worker.Drop("ad.ndjson", Lead("ad-1", email: null, phone: "(312) 555-0102", source: "ad-click"));

        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM touches WHERE channel = 'sms' AND status IN ('sent', 'failed')") >= 1),
            TimeSpan.FromSeconds(90)), "no SMS left\n" + worker.Log);
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM touches WHERE channel = 'sms' AND status = 'sent' AND provider_message_id LIKE 'SM%'"));
    }

    [Fact]
    public async Task Run_ClickHelpReplyAndDeliveryReport_AreRecordedAndAReplyReachesTheStaff()
    {
        using var clinic = new MiddayClinic();
        await using var mail = await MailDev.StartAsync();
        await using var twilio = await Prism.StartAsync();
        await using var worker = await Worker.StartAsync(clinic.Folder, new Dictionary<string, string>
        {
            ["Nurture__Smtp__Host"] = "127.0.0.1",
            ["Nurture__Smtp__Port"] = mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Nurture__Smtp__Security"] = "None",
            ["Nurture__Twilio__AccountSid"] = "AC" + new string('a', 32),
            ["Nurture__Twilio__BaseUrl"] = twilio.BaseUrl,
        });
        worker.Drop("ad.ndjson", Lead("ad-9", email: "ana@example.com", phone: "(312) 555-0109", source: "ad-click"));
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM touches WHERE channel = 'sms' AND status = 'sent'") == 1),
            TimeSpan.FromSeconds(90)), "the first SMS was not sent\n" + worker.Log);
        var touchId = worker.Scalar("SELECT id FROM touches WHERE channel = 'sms' AND status = 'sent'");
        var sid = worker.Text("SELECT provider_message_id FROM touches WHERE channel = 'sms' AND status = 'sent'")!;

        // The booking link: recorded, then on to the location's booking page with neutral UTM tags (nothing of the sequence or treatment).
        var links = new NurtureHealth.Messaging.LinkTokens(Microsoft.Extensions.Options.Options.Create(new NurtureHealth.Messaging.LinksOptions
        {
            BaseUrl = worker.BaseUrl,
            SigningKey = "integration-signing-key-0123456789-abcdef",
        }), TimeProvider.System);
        var booking = links.For(touchId).Booking;
        var click = await Http.GetAsync(booking);
        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        // Lincoln Park's booking page, with the patient's provider chosen (its provider_booking_url) and neutral UTM tags.
        var provider = worker.Text($"SELECT e.provider_id FROM touches t JOIN enrollments e ON e.id = t.enrollment_id WHERE t.id = {touchId}");
        Assert.Equal($"https://book.example.org/lincoln-park?provider={provider}&utm_source=nurturehealth&utm_medium=sms&utm_campaign=nurture&utm_content=awareness",
            click.Headers.Location!.AbsoluteUri);
        Assert.Equal(1, worker.Scalar($"SELECT COUNT(*) FROM contact_events WHERE type = 'clicked' AND touch_id = {touchId}"));
        // A click through the link is an event like any other: it scores (the link endpoint once wrote the event by hand, and scored nothing).
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM score_changes WHERE rule = 'behaviour: clicked'"));
        var token = booking[(booking.LastIndexOf('/') + 1)..];
        Assert.True(!worker.Log.Contains(token, StringComparison.Ordinal), "a link token reached the log:\n" + worker.Log);

        // Twilio's delivery report, twice (Twilio retries), and for a SID two touches share (Prism answers every message with one SID).
        var status = new Dictionary<string, string> { ["MessageSid"] = sid, ["MessageStatus"] = "delivered", ["AccountSid"] = "AC" + new string('a', 32) };
        var statusUrl = $"{worker.BaseUrl}/twilio/status";
        using (var shared = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(worker.Folder, "nurture.db")};Pooling=False"))
        {
            shared.Open();
            using var copy = shared.CreateCommand();
            copy.CommandText = "INSERT INTO touches (enrollment_id, contact_id, step_index, step_id, kind, channel, stage, location_id, due_at, status, attempts, created_at, provider_message_id, care) " +
                               $"SELECT enrollment_id, contact_id, step_index, step_id, kind, channel, stage, location_id, due_at, 'sent', 1, created_at, provider_message_id, care FROM touches WHERE id = {touchId}";
            copy.ExecuteNonQuery();
        }

        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(statusUrl, status, TwilioSignature.Compute(Worker.AuthToken, statusUrl, status))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(statusUrl, status, TwilioSignature.Compute(Worker.AuthToken, statusUrl, status))).StatusCode);
        Assert.Equal("delivered", worker.Text($"SELECT delivery_status FROM touches WHERE id = {touchId}"));
        Assert.Equal(2, worker.Scalar($"SELECT COUNT(*) FROM touches WHERE provider_message_id = '{sid}' AND delivery_status = 'delivered'"));
        Assert.Equal(2, worker.Scalar("SELECT COUNT(*) FROM contact_events WHERE type = 'delivered'"));

        // HELP gets the location; anything else pauses the sequence and tells the staff.
        var inbound = $"{worker.BaseUrl}/twilio/inbound";
        var help = new Dictionary<string, string> { ["From"] = "+13125550109", ["To"] = MiddayClinic.SmsNumber, ["Body"] = "help", ["MessageSid"] = "SM" + new string('2', 32) };
        var helpReply = await (await PostAsync(inbound, help, TwilioSignature.Compute(Worker.AuthToken, inbound, help))).Content.ReadAsStringAsync();
        Assert.Equal("<Response><Message>Lakeshore Health — Lincoln Park: (312) 555-0142. Reply STOP to opt out.</Message></Response>", helpReply);

        var question = new Dictionary<string, string> { ["From"] = "+13125550109", ["To"] = MiddayClinic.SmsNumber, ["Body"] = "Do you take Medicaid?", ["MessageSid"] = "SM" + new string('3', 32) };
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(inbound, question, TwilioSignature.Compute(Worker.AuthToken, inbound, question))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(inbound, question, TwilioSignature.Compute(Worker.AuthToken, inbound, question))).StatusCode); // retried
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM contact_events WHERE type = 'replied'"));
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM enrollments WHERE status = 'paused'"));
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM touches WHERE status = 'scheduled'"));
        Assert.True(await Worker.WaitAsync(async () => (await mail.EmailsAsync()).Any(e => e.GetProperty("to")[0].GetProperty("address").GetString() == "staff@lincoln-park.lakeshorehealth.example"),
            TimeSpan.FromSeconds(30)), "the staff were not told");
        var staff = (await mail.EmailsAsync()).Single(e => e.GetProperty("to")[0].GetProperty("address").GetString() == "staff@lincoln-park.lakeshorehealth.example");
        Assert.Contains("(312) 555-0109", staff.GetProperty("text").GetString());
        Assert.Contains("Do you take Medicaid?", staff.GetProperty("text").GetString());
        Assert.DoesNotContain("Medicaid", staff.GetProperty("subject").GetString());
    }

    private static Task<HttpResponseMessage> PostAsync(string url, Dictionary<string, string> form, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }

        return Http.SendAsync(request);
    }

    internal static string Lead(string id, string? email, string? phone, string source) =>
        $$$"""{"id":"{{{id}}}","submitted_at":"2026-11-20T15:04:05Z","source":"{{{source}}}","service_line":"dermatology","first_name":"Maria","email":{{{(email is null ? "null" : $"\"{email}\"")}}},"phone":{{{(phone is null ? "null" : $"\"{phone}\"")}}},"postal_code":"60614","language":"en","consent":{"email":true,"sms":{{{(phone is null ? "false" : "true")}}},"sms_text":"I agree to texts. Reply STOP to opt out.","at":"2026-11-20T15:04:05Z"}}""" + "\n";
}
