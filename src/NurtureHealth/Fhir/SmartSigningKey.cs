using System.Buffers;
using System.Buffers.Text;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text.Json;

namespace NurtureHealth.Fhir;

/// <summary>
/// The private key NurtureHealth signs its SMART client assertions with, read from a PEM file: an RSA key of at least
/// 2048 bits signs RS384 (PKCS#1 v1.5, SHA-384), an EC P-384 key signs ES384 (SHA-384, r||s). Any other key is refused
/// naming the setting, the file and what it holds.
/// </summary>
internal sealed class SmartSigningKey : IDisposable
{
    private const string Setting = "Nurture:Fhir:Auth:PrivateKeyFile";
    private const string P384 = "1.3.132.0.34";
    private readonly AsymmetricAlgorithm _key;
    private readonly string? _keyId;

    private SmartSigningKey(AsymmetricAlgorithm key, string algorithm, string? keyId) => (_key, Algorithm, _keyId) = (key, algorithm, keyId);

    /// <summary>RS384 or ES384.</summary>
    public string Algorithm { get; }

    /// <summary>Reads the key; a missing, unreadable or unsuitable file is a <see cref="SmartTokenException"/> saying which and why.</summary>
    public static SmartSigningKey Load(string path, string? keyId)
    {
        if (!File.Exists(path))
        {
            throw Refused(path, "does not exist");
        }

        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Refused(path, $"cannot be read ({e.GetType().Name})");
        }

        var (label, block) = FirstKeyBlock(pem) ?? throw Refused(path, "holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        var kind = label switch
        {
            "RSA PRIVATE KEY" => "RSA",
            "EC PRIVATE KEY" => "EC",
            "PRIVATE KEY" => Pkcs8Kind(path, block),
            "ENCRYPTED PRIVATE KEY" => throw Refused(path, "holds an encrypted key; give it unencrypted (openssl pkcs8 -topk8 -nocrypt) and protect the file instead"),
            _ => throw Refused(path, $"holds a {label}, not a private key"),
        };

        try
        {
            return kind == "RSA" ? Rsa(path, block, keyId) : Ec(path, block, keyId);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw Refused(path, $"holds an {kind} private key that cannot be read");
        }
    }

    /// <summary>A client assertion: a JWT from <paramref name="clientId"/> to <paramref name="audience"/>, valid 5 minutes (SMART's longest), with a fresh jti.</summary>
    public string CreateAssertion(string clientId, Uri audience, DateTimeOffset now)
    {
        var header = Json(w =>
        {
            w.WriteString("alg", Algorithm);
            w.WriteString("typ", "JWT");
            if (!string.IsNullOrWhiteSpace(_keyId))
            {
                w.WriteString("kid", _keyId);
            }
        });
        var claims = Json(w =>
        {
            w.WriteString("iss", clientId);
            w.WriteString("sub", clientId);
            w.WriteString("aud", audience.AbsoluteUri);
            w.WriteNumber("exp", now.AddMinutes(5).ToUnixTimeSeconds());
            w.WriteNumber("iat", now.ToUnixTimeSeconds());
            w.WriteString("jti", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        });
        var signed = $"{header}.{claims}";
        var data = System.Text.Encoding.ASCII.GetBytes(signed);
        var signature = _key switch
        {
            RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.SignData(data, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            _ => throw new InvalidOperationException("unreachable: only RSA and EC keys are loaded"),
        };
        return $"{signed}.{Base64Url.EncodeToString(signature)}";
    }

    public void Dispose() => _key.Dispose();

    private static SmartSigningKey Rsa(string path, string block, string? keyId)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(block);
            return rsa.KeySize >= 2048
                ? new SmartSigningKey(rsa, "RS384", keyId)
                : throw Refused(path, $"holds a {rsa.KeySize}-bit RSA key; SMART needs at least 2048 bits");
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static SmartSigningKey Ec(string path, string block, string? keyId)
    {
        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(block);
            var curve = ec.ExportParameters(false).Curve;
            if (curve.IsNamed && (curve.Oid.Value == P384 || curve.Oid.FriendlyName is "nistP384" or "secP384r1" or "secp384r1" or "ECDSA_P384"))
            {
                return new SmartSigningKey(ec, "ES384", keyId);
            }

            var name = curve.Oid.Value switch
            {
                "1.2.840.10045.3.1.7" => "P-256",
                "1.3.132.0.35" => "P-521",
                _ => curve.Oid.FriendlyName ?? curve.Oid.Value ?? "unnamed",
            };
            throw Refused(path, $"holds an EC key on curve {name}; SMART's ES384 needs P-384 (openssl ecparam -name secp384r1)");
        }
        catch
        {
            ec.Dispose();
            throw;
        }
    }

    /// <summary>The first PEM block that is not "EC PARAMETERS" (which <c>openssl ecparam -genkey</c> writes before the key).</summary>
    private static (string Label, string Block)? FirstKeyBlock(string pem)
    {
        var rest = pem.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            var label = rest.Span[fields.Label].ToString();
            if (label != "EC PARAMETERS")
            {
                return (label, rest.Span[fields.Location].ToString());
            }

            rest = rest[fields.Location.End..];
        }

        return null;
    }

    /// <summary>RSA or EC, from a PKCS#8 PrivateKeyInfo's algorithm; anything else is refused by name.</summary>
    private static string Pkcs8Kind(string path, string block)
    {
        string oid;
        try
        {
            var fields = PemEncoding.Find(block);
            var reader = new AsnReader(Convert.FromBase64String(block[fields.Base64Data]), AsnEncodingRules.DER).ReadSequence();
            reader.ReadInteger();
            oid = reader.ReadSequence().ReadObjectIdentifier();
        }
        catch (Exception e) when (e is AsnContentException or FormatException)
        {
            throw Refused(path, "holds a PRIVATE KEY block that is not PKCS#8");
        }

        return oid switch
        {
            "1.2.840.113549.1.1.1" => "RSA",
            "1.2.840.10045.2.1" => "EC",
            "1.3.101.112" => throw Refused(path, "holds an Ed25519 key; SMART needs RSA (RS384) or EC P-384 (ES384)"),
            "1.3.101.113" => throw Refused(path, "holds an Ed448 key; SMART needs RSA (RS384) or EC P-384 (ES384)"),
            "1.2.840.113549.1.1.10" => throw Refused(path, "holds an RSA-PSS key; RS384 needs a plain RSA key (openssl genpkey -algorithm RSA)"),
            "1.2.840.10040.4.1" => throw Refused(path, "holds a DSA key; SMART needs RSA (RS384) or EC P-384 (ES384)"),
            _ => throw Refused(path, $"holds a key of algorithm {oid}; SMART needs RSA (RS384) or EC P-384 (ES384)"),
        };
    }

    private static SmartTokenException Refused(string path, string why) => new($"{Setting}: {path} {why}");

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }
}
