using System.Buffers;
using System.Text.Unicode;

namespace NurtureHealth.Leads;

/// <summary>Finds bytes that are not UTF-8 and says where, without echoing the record.</summary>
internal static class Utf8Check
{
    public static int? FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }

        Span<char> scratch = stackalloc char[1024];
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = Utf8.ToUtf16(bytes[offset..], scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            offset += read;
            if (status == OperationStatus.InvalidData || status == OperationStatus.NeedMoreData)
            {
                return offset;
            }

            if (status == OperationStatus.Done)
            {
                break;
            }
        }

        return offset;
    }

    public static LeadFieldError Error(string field, ReadOnlySpan<byte> bytes, int offset) =>
        Describe(field, bytes, Math.Min(offset, bytes.Length - 1));

    private static LeadFieldError Describe(string field, ReadOnlySpan<byte> bytes, int offset) =>
        new(field, "not-utf8", $"{(field == "record" ? "the record" : field)} is not valid UTF-8 (byte 0x{bytes[offset]:X2} at byte {offset + 1}); save the file as UTF-8 and import it again");
}
