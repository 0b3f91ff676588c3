using Renci.SshNet;

namespace QSLM.Boards.Transports.Ssh;

/// <summary>
/// How every SSH.NET client of QSLM reaches a board: with the bench file's key, and trusting only a host
/// key that the board's pin holds (docs/boards.md, "Bench files"), so that deployment and the deploy
/// benchmark connect under the same rule.
/// </summary>
public static class PinnedSshConnection
{
    /// <summary>The connection settings for <paramref name="address"/> and the key file they use (the caller disposes it).</summary>
    public static (ConnectionInfo Info, PrivateKeyFile Key) Settings(SshBoardAddress address)
    {
        var key = address.PrivateKeyPassphrase is null ? new PrivateKeyFile(address.PrivateKeyPath) : new PrivateKeyFile(address.PrivateKeyPath, address.PrivateKeyPassphrase);
        var info = new ConnectionInfo(address.Host, address.Port, address.User, new PrivateKeyAuthenticationMethod(address.User, key)) { Timeout = address.ConnectTimeout };
        return (info, key);
    }

    /// <summary>Connects <paramref name="client"/>; a host key the pin refuses ends it with
    /// <see cref="HostKeyRefusedException"/>. <paramref name="presented"/> hears each key offered, described
    /// as <see cref="HostKeyPin.Describe"/> does.</summary>
    public static async Task ConnectAsync(BaseClient client, SshBoardAddress address, Action<string>? presented, CancellationToken cancellationToken)
    {
        HostKeyRefusedException? refused = null;
        client.HostKeyReceived += (_, e) =>
        {
            presented?.Invoke(HostKeyPin.Describe(e.HostKeyName, e.HostKey));
            try
            {
                address.HostKey.Check(address.Host, address.Port, e.HostKeyName, e.HostKey);
                e.CanTrust = true;
            }
            catch (HostKeyRefusedException exception)
            {
                refused = exception;
                e.CanTrust = false;
            }
        };
        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (refused is not null)
        {
            throw refused;
        }
    }
}
