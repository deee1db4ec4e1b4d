namespace NurtureHealth.Messaging.Email;

/// <summary>How the connection to the mail server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection, upgraded with STARTTLS (port 587). Fails if the server cannot.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>STARTTLS when the server offers it.</summary>
    Auto,

    /// <summary>No encryption: only for a relay on the same host or a test server.</summary>
    None,
}
