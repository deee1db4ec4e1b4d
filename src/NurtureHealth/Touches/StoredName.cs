using System.Text;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NurtureHealth.Touches;

/// <summary>
/// How an enum of the touch core is written in the database: its name in lower case, words joined by hyphens
/// (<c>OptedOut</c> → <c>opted-out</c>), so operators read the same words in SQL as in the docs, and raw SQL can say
/// <c>status = 'scheduled'</c>.
/// </summary>
public static class StoredName
{
    /// <summary>The stored form of a value.</summary>
    public static string Of<T>(T value) where T : struct, Enum => Names<T>.ToDb[value];

    /// <summary>The value of a stored form; throws on a form no value has (the database holds something the code does not know).</summary>
    public static T Parse<T>(string stored) where T : struct, Enum =>
        Names<T>.FromDb.TryGetValue(stored, out var value) ? value : throw new FormatException($"'{stored}' is not a {typeof(T).Name}");

    /// <summary>The EF Core converter for one of these enums.</summary>
    public sealed class Converter<T>() : ValueConverter<T, string>(v => Of(v), v => Parse<T>(v)) where T : struct, Enum;

    private static string Kebab(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ToDb = Enum.GetValues<T>().ToDictionary(v => v, v => Kebab(v.ToString()));
        public static readonly Dictionary<string, T> FromDb = ToDb.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
    }
}
