using System.Text;
using NurtureHealth.Leads;

namespace NurtureHealth.Tests.Leads;

public sealed class LeadFileReaderTests
{
    private const string Header = "id,submitted_at,source,service_line,interest,first_name,last_name,email,phone,postal_code,lat,lon,language,preferred_location,consent.email,consent.sms,consent.sms_text,consent.at";

    [Fact]
    public void Ndjson_ByteOrderMarkBlankLinesAndCrlf_AreHandled()
    {
        var bytes = Concat("\uFEFF"u8.ToArray(), Encoding.UTF8.GetBytes($"{Some.NdjsonLine("a")}\r\n\r\n   \n{Some.NdjsonLine("b")}\n\n{Some.NdjsonLine("c")}"));

        var records = Read(bytes, LeadFileFormat.Ndjson);

        Assert.Equal([1, 4, 6], records.Select(r => r.Line));
        Assert.Equal(["a", "b", "c"], records.Select(r => r.Draft!["id"]));
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Ndjson_NestedConsentAndJsonTypes_BecomeFields()
    {
        var line = """{"id":"x","lat":41.92,"lon":-87.65,"consent":{"email":true,"sms":false,"sms_text":null,"at":"2026-11-20T15:04:05Z"},"unknown":{"deep":[1,2]}}""";

        var draft = Read(Encoding.UTF8.GetBytes(line), LeadFileFormat.Ndjson).Single().Draft!;

        Assert.Equal("41.92", draft["lat"]);
        Assert.Equal("-87.65", draft["lon"]);
        Assert.Equal("true", draft["consent.email"]);
        Assert.Equal("false", draft["consent.sms"]);
        Assert.Null(draft["consent.sms_text"]);
        Assert.Empty(draft.WrongTypeFields);
    }

    [Fact]
    public void Ndjson_BrokenLine_IsOneMalformedRecordAndTheNextLineStillReads()
    {
        var records = Read(Encoding.UTF8.GetBytes("{\"id\":\"a\",\n" + Some.NdjsonLine("b")), LeadFileFormat.Ndjson);

        Assert.Equal("malformed-record", records[0].Error!.Code);
        Assert.Equal("record", records[0].Error!.Field);
        Assert.StartsWith("not a JSON object at column 10", records[0].Error!.Message);
        Assert.DoesNotContain("LineNumber", records[0].Error!.Message);
        Assert.Equal("b", records[1].Draft!["id"]);
    }

    [Fact]
    public void Ndjson_ArrayInsteadOfObject_IsMalformed()
    {
        var record = Read("[1,2]"u8.ToArray(), LeadFileFormat.Ndjson).Single();

        Assert.Equal("not a JSON object: each line must hold one JSON object, starting with '{'", record.Error!.Message);
    }

    [Fact]
    public void Ndjson_Latin1ByteInAName_RejectsThatRecordOnlyAndKeepsItsBytes()
    {
        var bad = Encoding.Latin1.GetBytes(Some.NdjsonLine("latin").Replace("Maria", "María", StringComparison.Ordinal));
        var bytes = Concat(bad, "\n"u8.ToArray(), Encoding.UTF8.GetBytes(Some.NdjsonLine("fine")));

        var records = Read(bytes, LeadFileFormat.Ndjson);

        Assert.Equal("not-utf8", records[0].Error!.Code);
        Assert.Matches(@"^the record is not valid UTF-8 \(byte 0xED at byte \d+\); save the file as UTF-8 and import it again$", records[0].Error!.Message);
        Assert.Equal(bad, records[0].Raw);
        Assert.Equal("fine", records[1].Draft!["id"]);
    }

    [Fact]
    public void Ndjson_RecordOverOneMebibyte_IsRejectedAndReadingGoesOn()
    {
        var huge = "{\"id\":\"big\",\"interest\":\"" + new string('x', (1 << 20) + 10) + "\"}";

        var records = Read(Encoding.UTF8.GetBytes(huge + "\n" + Some.NdjsonLine("after")), LeadFileFormat.Ndjson);

        Assert.Equal("the record is longer than 1024 KiB; only its first 1024 KiB were kept", records[0].Error!.Message);
        Assert.Equal("after", records[1].Draft!["id"]);
        Assert.Equal(2, records[1].Line);
    }

    [Fact]
    public void Ndjson_Utf16File_CannotBeRead()
    {
        var error = Assert.Throws<LeadFileException>(() => Read(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Some.NdjsonLine("a"))).ToArray(), LeadFileFormat.Ndjson));

        Assert.Equal("leads: the file is UTF-16; save it as UTF-8 and import it again", error.Message);
    }

    [Fact]
    public void Csv_QuotedCommasQuotesAndLineBreaks_AreRead()
    {
        var csv = Header + "\r\n" +
                  "a,2026-11-20T15:04:05Z,web-form,dermatology,\"eczema, \"\"flare-ups\"\" on hands\",Maria,\"O'Brien, Jr.\",m@example.com,,60614,,,es,,true,false,,\r\n" +
                  "b,2026-11-20T15:04:05Z,web-form,dermatology,\"acne\r\nand scarring\",Ana,Ruiz,a@example.com,,60614,,,en,,true,false,,\r\n";

        var records = Read(Encoding.UTF8.GetBytes(csv), LeadFileFormat.Csv);

        Assert.Equal("eczema, \"flare-ups\" on hands", records[0].Draft!["interest"]);
        Assert.Equal("O'Brien, Jr.", records[0].Draft!["last_name"]);
        Assert.Equal("acne\r\nand scarring", records[1].Draft!["interest"]);
        Assert.Equal([2, 3], records.Select(r => r.Line));
        Assert.Equal("en", records[1].Draft!["language"]);
    }

    [Fact]
    public void Csv_ByteOrderMarkBlankLinesAndEmptyRows_AreSkipped()
    {
        var csv = "\uFEFF" + Header + "\n\n" + Row("a") + "\n,,,,,,,,,,,,,,,,,\n\n" + Row("b") + "\n";

        var records = Read(Encoding.UTF8.GetBytes(csv), LeadFileFormat.Csv);

        Assert.Equal(["a", "b"], records.Select(r => r.Draft!["id"]));
        Assert.Equal([3, 6], records.Select(r => r.Line));
    }

    [Fact]
    public void Csv_ConsentColumnsWithUnderscores_AreAccepted()
    {
        var csv = "id,first_name,consent_sms,consent_sms_text\nx,Ana,true,I agree\n";

        var draft = Read(Encoding.UTF8.GetBytes(csv), LeadFileFormat.Csv).Single().Draft!;

        Assert.Equal("true", draft["consent.sms"]);
        Assert.Equal("I agree", draft["consent.sms_text"]);
    }

    [Fact]
    public void Csv_WrongNumberOfFields_IsMalformed()
    {
        var record = Read(Encoding.UTF8.GetBytes(Header + "\na,b,c\n"), LeadFileFormat.Csv).Single();

        Assert.Equal(new LeadFieldError("record", "malformed-record", "the record has 3 fields but the header has 18; quote fields that contain commas"), record.Error);
        Assert.Equal("a,b,c"u8.ToArray(), record.Raw);
    }

    [Fact]
    public void Csv_QuoteNeverClosed_IsMalformed()
    {
        var record = Read(Encoding.UTF8.GetBytes(Header + "\n" + Row("a").Replace(",Maria,", ",\"Maria,", StringComparison.Ordinal) + "\n"), LeadFileFormat.Csv).Single();

        Assert.Equal("malformed-record", record.Error!.Code);
        Assert.StartsWith("a quoted field is never closed", record.Error.Message);
    }

    [Fact]
    public void Csv_NonUtf8ByteInAField_NamesTheField()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "\n").Concat(Encoding.Latin1.GetBytes(Row("a").Replace("Lopez", "López", StringComparison.Ordinal) + "\n")).ToArray();

        var record = Read(bytes, LeadFileFormat.Csv).Single();

        Assert.Equal("not-utf8", record.Error!.Code);
        Assert.Equal("last_name", record.Error.Field);
        Assert.Equal("last_name is not valid UTF-8 (byte 0xF3 at byte 2); save the file as UTF-8 and import it again", record.Error.Message);
    }

    [Fact]
    public void Csv_WithoutAHeaderRow_CannotBeRead()
    {
        var error = Assert.Throws<LeadFileException>(() => Read(Encoding.UTF8.GetBytes(Row("a") + "\n"), LeadFileFormat.Csv));

        Assert.StartsWith("leads: the first row is not a header naming lead fields", error.Message);
    }

    [Fact]
    public void Csv_EmptyFile_CannotBeRead()
    {
        Assert.Throws<LeadFileException>(() => Read([], LeadFileFormat.Csv));
    }

    [Theory]
    [InlineData("leads.ndjson", "", LeadFileFormat.Ndjson)]
    [InlineData("leads.JSONL", "", LeadFileFormat.Ndjson)]
    [InlineData("leads.csv", "", LeadFileFormat.Csv)]
    [InlineData("export.txt", "\uFEFF{\"id\":1}", LeadFileFormat.Ndjson)]
    [InlineData("export.txt", "id,first_name\n", LeadFileFormat.Csv)]
    public void Detect_ByExtensionThenByContent(string name, string head, LeadFileFormat expected)
    {
        Assert.Equal(expected, LeadFileFormats.Detect(name, Encoding.UTF8.GetBytes(head)));
    }

    [Fact]
    public void Detect_UnknownFile_SaysHowToNameIt()
    {
        var error = Assert.Throws<LeadFileException>(() => LeadFileFormats.Detect("/in/leads.xlsx", "PK\u0003\u0004"u8));

        Assert.Equal("leads.xlsx: cannot tell the format; name it .ndjson, .jsonl or .csv", error.Message);
    }

    [Fact]
    public void Open_MissingFile_CannotBeRead()
    {
        var error = Assert.Throws<LeadFileException>(() => LeadFileReader.Open("/nonexistent/leads.ndjson"));

        Assert.StartsWith("/nonexistent/leads.ndjson: cannot open the file", error.Message);
    }

    private static string Row(string id) =>
        $"{id},2026-11-20T15:04:05Z,web-form,dermatology,eczema,Maria,Lopez,maria@example.com,(312) 555-0100,60614,,,es,,true,false,,";

    private static List<ParsedRecord> Read(byte[] bytes, LeadFileFormat format) =>
        LeadFileReader.Records(new MemoryStream(bytes), format, "leads").ToList();

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
