using System.Security.Cryptography;
using System.Text;

namespace QSLM.Boards.Transports.Ssh;

/// <summary>
/// Reads an OpenSSH known_hosts file (sshd(8), SSH_KNOWN_HOSTS FILE FORMAT): one
/// <c>hosts keytype base64-key</c> entry per line; hosts are comma-separated names, <c>[host]:port</c>
/// for a port other than 22, or hashed as <c>|1|salt|HMAC-SHA1(salt, name)</c> by
/// <c>ssh-keygen -H</c>. Wildcard patterns, negations and <c>@cert-authority</c> lines are not
/// honoured (a board is pinned by name); <c>@revoked</c> lines are skipped, so a revoked key is never
/// accepted.
/// </summary>
public static class KnownHostsFile
{
    /// <summary>One pinned key.</summary>
    /// <param name="Hosts">The host field, as written.</param>
    /// <param name="KeyType">The key type (<c>ssh-ed25519</c>, …).</param>
    /// <param name="KeyBlob">The key in SSH wire format.</param>
    public sealed record Entry(string Hosts, string KeyType, byte[] KeyBlob)
    {
        /// <summary>Whether this entry names <paramref name="host"/> on <paramref name="port"/>.</summary>
        public bool Matches(string host, int port)
        {
            var name = port == 22 ? host : FormattableString.Invariant($"[{host}]:{port}");
            foreach (var pattern in Hosts.Split(','))
            {
                if (pattern.StartsWith("|1|", StringComparison.Ordinal))
                {
                    var parts = pattern.Split('|');
                    if (parts.Length != 4) continue;
                    var salt = Convert.FromBase64String(parts[2]);
                    var hash = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name));
                    if (CryptographicOperations.FixedTimeEquals(hash, Convert.FromBase64String(parts[3]))) return true;
                }
                else if (string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>The usable entries of the file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<Entry> Read(string path) => Parse(File.ReadAllLines(path));

    /// <summary>The usable entries of known_hosts text.</summary>
    public static IReadOnlyList<Entry> Parse(IEnumerable<string> lines)
    {
        var entries = new List<Entry>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith('@')) continue;
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3) continue;
            try
            {
                entries.Add(new Entry(fields[0], fields[1], Convert.FromBase64String(fields[2])));
            }
            catch (FormatException)
            {
                // A damaged line pins nothing; the host then counts as unknown and is refused.
            }
        }
        return entries;
    }
}
