using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Messaging.Email;

/// <summary>Sending email through an SMTP server with MailKit (<c>Nurture:Smtp</c>). Setting <see cref="Host"/> switches email from the file outbox to SMTP.</summary>
public sealed class SmtpOptions
{
    /// <summary>The server; empty keeps email in the file outbox.</summary>
    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "Nurture:Smtp:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Login, when the server asks for one.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Connections kept open (one per concurrent send; each reused across messages).</summary>
    [Range(1, 32, ErrorMessage = "Nurture:Smtp:Connections must be between 1 and 32.")]
    public int Connections { get; set; } = 4;

    /// <summary>How long one SMTP command may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Nurture:Smtp:Timeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>DKIM signing, optional: the signing domain (d=).</summary>
    public string? DkimDomain { get; set; }

    /// <summary>The DKIM selector (s=).</summary>
    public string? DkimSelector { get; set; }

    /// <summary>A PEM file with the DKIM private key.</summary>
    public string? DkimPrivateKeyPath { get; set; }

    /// <summary>True when email goes through SMTP.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
