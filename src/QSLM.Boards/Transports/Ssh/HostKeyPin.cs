using System.Security.Cryptography;

namespace QSLM.Boards.Transports.Ssh;

/// <summary>
/// Which host key a board must present: either one fingerprint written in the board's description
/// (<c>SHA256:…</c> as <c>ssh-keygen -lf</c> prints it) or the entries of an OpenSSH known_hosts file
/// (sshd(8), SSH_KNOWN_HOSTS FILE FORMAT). There is no "accept anything" pin.
/// </summary>
public abstract class HostKeyPin
{
    /// <summary>Pins one SHA-256 fingerprint, with or without its <c>SHA256:</c> prefix.</summary>
    public static HostKeyPin Fingerprint(string fingerprint) => new FingerprintPin(fingerprint);

    /// <summary>Pins the keys a known_hosts file lists for the host.</summary>
    public static HostKeyPin KnownHosts(string path) => new KnownHostsPin(path);

    /// <summary>Where the pin comes from, for messages.</summary>
    public abstract string Source { get; }

    /// <summary>The fingerprints pinned for <paramref name="host"/>:<paramref name="port"/> (empty: unknown host).</summary>
    public abstract IReadOnlyList<string> Expected(string host, int port);

    /// <summary>Whether the presented key is pinned; throws <see cref="HostKeyRefusedException"/> otherwise.</summary>
    public void Check(string host, int port, string keyType, byte[] keyBlob)
    {
        var presented = Describe(keyType, keyBlob);
        var fingerprintOnly = presented[(presented.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        var expected = Expected(host, port);
        if (!expected.Any(e => e == presented || e == fingerprintOnly)) throw new HostKeyRefusedException(host, port, presented, expected, Source);
    }

    /// <summary>A key's fingerprint as OpenSSH prints it, prefixed by its type: <c>ssh-ed25519 SHA256:…</c>.</summary>
    public static string Describe(string keyType, byte[] keyBlob) => keyType + " SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    private sealed class FingerprintPin : HostKeyPin
    {
        private readonly string _fingerprint;

        public FingerprintPin(string fingerprint)
        {
            var f = fingerprint.Trim();
            _fingerprint = f.StartsWith("SHA256:", StringComparison.Ordinal) ? f : "SHA256:" + f;
            if (_fingerprint.Length < 20) throw new ArgumentException($"'{fingerprint}' is not a SHA-256 host key fingerprint");
        }

        public override string Source => "the board's pinned fingerprint";

        // The fingerprint covers the key blob, which begins with the key type, so it pins the type too.
        public override IReadOnlyList<string> Expected(string host, int port) => [_fingerprint];
    }

    private sealed class KnownHostsPin(string path) : HostKeyPin
    {
        public override string Source => $"known_hosts file {path}";

        public override IReadOnlyList<string> Expected(string host, int port) =>
            KnownHostsFile.Read(path).Where(e => e.Matches(host, port)).Select(e => Describe(e.KeyType, e.KeyBlob)).ToList();
    }
}
