namespace QSLM.Boards.Transports.Ssh;

/// <summary>
/// The board presented a host key that is not pinned: unknown (nothing pinned for that host) or
/// changed (a different key pinned). The connection is refused, never trusted on first use, and the
/// message names the host and both fingerprints so a person can check which is right.
/// </summary>
public sealed class HostKeyRefusedException(string host, int port, string presented, IReadOnlyList<string> expected, string pinSource)
    : Exception(expected.Count == 0
        ? FormattableString.Invariant($"host key of {host}:{port} is unknown: it presented {presented}, and {pinSource} pins no key for it; refusing to connect (add the key to the board's pin after checking it on the board)")
        : FormattableString.Invariant($"host key of {host}:{port} has changed: it presented {presented}, but {pinSource} pins {string.Join(" or ", expected)}; refusing to connect"))
{
    /// <summary>The host that was contacted.</summary>
    public string Host { get; } = host;

    /// <summary>The fingerprint of the key the host presented (<c>ssh-ed25519 SHA256:…</c>).</summary>
    public string Presented { get; } = presented;

    /// <summary>The pinned fingerprints (empty when the host was unknown).</summary>
    public IReadOnlyList<string> Expected { get; } = expected;
}
