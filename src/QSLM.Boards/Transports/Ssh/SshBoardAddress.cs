using System.Text;

namespace QSLM.Boards.Transports.Ssh;

/// <summary>
/// Where an SSH board is and how the host proves who it is: key authentication only (no passwords),
/// the board's host key pinned. <see cref="ToString"/> leaves out the key passphrase so the address
/// can be logged.
/// </summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">SSH port.</param>
/// <param name="User">Login user on the board.</param>
/// <param name="PrivateKeyPath">The host's private key file (OpenSSH format; ed25519, ECDSA or RSA).</param>
/// <param name="HostKey">The board's pinned host key.</param>
/// <param name="RemoteDirectory">The agent's folder on the board, absolute or relative to the login folder; letters, digits, <c>._-/</c> only.</param>
public sealed record SshBoardAddress(string Host, int Port, string User, string PrivateKeyPath, HostKeyPin HostKey, string RemoteDirectory)
{
    /// <summary>Passphrase of the private key, if it has one. Never logged.</summary>
    public string? PrivateKeyPassphrase { get; init; }

    /// <summary>Connection timeout of one TCP connect and key exchange.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(FormattableString.Invariant($"Host = {Host}, Port = {Port}, User = {User}, PrivateKeyPath = {PrivateKeyPath}, HostKey = {HostKey.Source}, RemoteDirectory = {RemoteDirectory}"));
        return true;
    }
}
