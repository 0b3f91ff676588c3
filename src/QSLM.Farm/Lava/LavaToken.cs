namespace QSLM.Farm.Lava;

/// <summary>
/// A LAVA API token. It is sent only in the <c>Authorization</c> header of requests to its server: it prints as a
/// placeholder, so no message, log line or job definition can carry it by accident.
/// </summary>
public sealed class LavaToken
{
    private readonly string _secret;

    /// <summary>Wraps <paramref name="secret"/>.</summary>
    /// <exception cref="ArgumentException">The secret is empty or has white space or control characters in it.</exception>
    public LavaToken(string secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new ArgumentException("a LAVA token is one word without white space", nameof(secret));
        _secret = secret;
    }

    /// <summary>The value of the <c>Authorization</c> header (LAVA REST API v0.2: <c>Token SECRET</c>).</summary>
    internal string HeaderValue => "Token " + _secret;

    /// <summary>A placeholder, never the secret.</summary>
    public override string ToString() => "(LAVA token hidden)";
}
