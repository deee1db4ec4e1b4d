using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using NurtureHealth.Touches;

namespace NurtureHealth.Leads;

/// <summary>
/// The keyed hash that stands for an erased person's email or number on the suppression list (<c>hmac-sha256:…</c>), so
/// they are never messaged again though nothing of them is kept. The key is <c>Nurture:Privacy:HashKey</c>, else
/// <c>Nurture:Links:SigningKey</c>: keep it stable, or the hashes stored under the old key stop matching.
/// </summary>
public sealed class AddressHasher
{
    /// <summary>The prefix every hashed suppression entry starts with.</summary>
    public const string Prefix = "hmac-sha256:";

    private readonly byte[]? _key;
    private readonly List<byte[]> _all;

    /// <summary>Reads the key from the configuration; hashes made under the signing keys before a rotation still match.</summary>
    public AddressHasher(IConfiguration configuration)
    {
        var key = configuration["Nurture:Privacy:HashKey"] is { Length: > 0 } own ? own : configuration["Nurture:Links:SigningKey"];
        _key = string.IsNullOrEmpty(key) ? null : Encoding.UTF8.GetBytes(key);
        var previous = configuration.GetSection("Nurture:Links:PreviousSigningKeys").GetChildren().Select(c => c.Value);
        _all = [.. new[] { key, configuration["Nurture:Links:SigningKey"] }.Concat(previous).OfType<string>().Where(k => k.Length > 0).Distinct().Select(Encoding.UTF8.GetBytes)];
    }

    /// <summary>Whether there is a key (without one nothing can be forgotten, so no hashed entry can exist).</summary>
    public bool HasKey => _key is not null;

    /// <summary>The hash of a normalised address or E.164 number on a channel; null without a key.</summary>
    public string? Hash(Channel channel, string address) => _key is null ? null : Hash(_key, channel, address);

    /// <summary>The hashes an address may be stored under: the current key's, and those of the signing keys before a rotation.</summary>
    public IEnumerable<string> Candidates(Channel channel, string address) => _all.Select(k => Hash(k, channel, address));

    private static string Hash(byte[] key, Channel channel, string address) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{StoredName.Of(channel)}:{address}")));
}
