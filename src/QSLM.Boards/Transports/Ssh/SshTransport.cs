using QSLM.Protocol;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace QSLM.Boards.Transports.Ssh;

/// <summary>
/// A board reached over SSH with SSH.NET. The host key is checked against the pin before anything is
/// sent (an unknown or changed key is refused, never trusted on first use); the agent is copied by
/// SFTP into <c>agents/HASH/</c> once per content hash and run over an exec channel; models are
/// written by SFTP into the agent's partial copy, resuming from the size the agent reports, while the
/// agent hashes the copy as it grows; it verifies their SHA-256 before moving them into place.
/// </summary>
public sealed class SshTransport : IBoardTransport, IModelUploader
{
    /// <summary>The agent's root folder under the board's folder (<c>serve --root</c>): its model store is
    /// <c>WORK/</c><see cref="ModelStoreLayout.Folder"/>.</summary>
    public const string AgentWorkFolder = "work";

    private const string Complete = ".complete";
    private readonly SshBoardAddress _address;
    private readonly AgentBundle _agent;
    private readonly string _root;
    private SshClient? _ssh;
    private SftpClient? _sftp;
    private PrivateKeyFile? _key;

    /// <summary>A transport to <paramref name="address"/> that deploys <paramref name="agent"/>.</summary>
    public SshTransport(SshBoardAddress address, AgentBundle agent)
    {
        _address = address;
        _agent = agent;
        _root = RemotePath.Require(address.RemoteDirectory, "remote directory");
        RemotePath.Require(agent.EntryPoint, "agent entry point");
        if (agent.Runner is not null) RemotePath.Require(agent.Runner, "agent runner");
    }

    /// <inheritdoc/>
    public string Description => FormattableString.Invariant($"ssh {_address.User}@{_address.Host}:{_address.Port} (folder {_root})");

    /// <inheritdoc/>
    public IModelUploader? Uploader => this;

    /// <summary>The board this transport reaches.</summary>
    public SshBoardAddress Address => _address;

    /// <summary>Model bytes sent by SFTP so far (resumed uploads count only what they sent).</summary>
    public long ModelBytesSent { get; private set; }

    /// <summary>Times the agent bundle was uploaded (not skipped).</summary>
    public int AgentUploads { get; private set; }

    /// <summary>Fingerprint of the host key the board presented last (public information).</summary>
    public string? PresentedHostKey { get; private set; }

    /// <inheritdoc/>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await DisconnectAsync().ConfigureAwait(false);
        (var info, _key) = PinnedSshConnection.Settings(_address);
        _ssh = new SshClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(5) };
        _sftp = new SftpClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(5) };
        await PinnedSshConnection.ConnectAsync(_ssh, _address, key => PresentedHostKey = key, cancellationToken).ConfigureAwait(false);
        await PinnedSshConnection.ConnectAsync(_sftp, _address, key => PresentedHostKey = key, cancellationToken).ConfigureAwait(false);
        foreach (var folder in new[] { "agents", AgentWorkFolder, RemotePath.Join(AgentWorkFolder, ModelStoreLayout.Folder) }) await EnsureFolderAsync(RemotePath.Join(_root, folder), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IAgentChannel> StartAgentAsync(CancellationToken cancellationToken)
    {
        var ssh = _ssh ?? throw new InvalidOperationException("not connected");
        var folder = await DeployAgentAsync(cancellationToken).ConfigureAwait(false);
        var entry = RemotePath.Join(folder, _agent.EntryPoint);
        var run = _agent.Runner is null ? $"'{entry}'" : $"'{_agent.Runner}' '{entry}'";
        // exec: the agent replaces the shell, so closing the channel ends the agent and nothing else runs.
        var command = ssh.CreateCommand($"cd '{_root}' && exec {run} serve --root {AgentWorkFolder}");
        var execution = command.ExecuteAsync(CancellationToken.None);
        var input = command.CreateInputStream();
        return new StreamAgentChannel(
            input,
            command.OutputStream,
            // Dropping the connection closes the agent's input; the agent stops a run when its input
            // ends (a signal request was tried: this OpenSSH did not deliver it to the exec'd agent).
            abort: () => _ = DisconnectAsync(),
            close: async () =>
            {
                try
                {
                    await input.DisposeAsync().ConfigureAwait(false);
                    await execution.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                }
                catch (Exception e) when (e is TimeoutException or SshException or IOException or ObjectDisposedException or InvalidOperationException)
                {
                    // The session is being dropped; the agent ends with its channel. SSH.NET throws
                    // InvalidOperationException ("The channel is closed.") when the input is disposed
                    // after the agent or the connection already closed the channel: the same outcome.
                }
                command.Dispose();
            },
            exitDetail: () => execution.IsCompleted ? FormattableString.Invariant($"exit status {command.ExitStatus}; stderr: {command.Error.Trim()}") : null,
            maxMessageBytes: ProtocolLimits.DefaultMaxMessageBytes);
    }

    /// <inheritdoc/>
    public async Task UploadPartialAsync(string localPath, string sha256, long offset, Action<long>? progress, CancellationToken cancellationToken)
    {
        var sftp = _sftp ?? throw new InvalidOperationException("not connected");
        var part = RemotePath.Join(_root, AgentWorkFolder, ModelStoreLayout.Folder, ModelStoreLayout.PartialFileName(sha256));
        var size = new FileInfo(localPath).Length;
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, size);
        await using var local = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        // Where to start comes from the agent's answer (the same file), so no SFTP stat round trips here.
        if (offset == 0)
        {
            // A fresh copy goes through SSH.NET's pipelined upload, several requests in flight, as fast
            // as plain SFTP; a partial copy is continued below through an append stream instead.
            long reported = 0;
            await sftp.UploadFileAsync(local, part, canOverride: true, new SynchronousProgress(r =>
            {
                var total = (long)r.TotalBytesUploaded;
                ModelBytesSent += total - reported;
                reported = total;
                progress?.Invoke(total);
            }), cancellationToken).ConfigureAwait(false);
            return;
        }
        await using var remote = await sftp.OpenAsync(part, FileMode.OpenOrCreate, FileAccess.Write, cancellationToken).ConfigureAwait(false);
        remote.SetLength(offset);
        remote.Position = offset;
        local.Position = offset;
        var buffer = new byte[1 << 18];
        int read;
        while ((read = await local.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await remote.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            offset += read;
            ModelBytesSent += read;
            progress?.Invoke(offset);
        }
        await remote.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task DisconnectAsync()
    {
        var ssh = _ssh;
        var sftp = _sftp;
        _ssh = null;
        _sftp = null;
        foreach (var client in new BaseClient?[] { sftp, ssh })
        {
            if (client is null) continue;
            try
            {
                client.Dispose();
            }
            catch (Exception e) when (e is SshException or IOException or ObjectDisposedException)
            {
                // Dropping a connection that is already broken.
            }
        }
        _key?.Dispose();
        _key = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await DisconnectAsync().ConfigureAwait(false);

    /// <summary>Reports on the uploading thread, in order (<see cref="Progress{T}"/> would post them).</summary>
    private sealed class SynchronousProgress(Action<UploadFileProgressReport> report) : IProgress<UploadFileProgressReport>
    {
        public void Report(UploadFileProgressReport value) => report(value);
    }

    private async Task<string> DeployAgentAsync(CancellationToken cancellationToken)
    {
        var sftp = _sftp ?? throw new InvalidOperationException("not connected");
        var folder = RemotePath.Join(_root, "agents", _agent.Hash[..16]);
        if (await sftp.ExistsAsync(RemotePath.Join(folder, Complete), cancellationToken).ConfigureAwait(false)) return folder;
        await EnsureFolderAsync(folder, cancellationToken).ConfigureAwait(false);
        foreach (var file in _agent.Files())
        {
            var remote = RemotePath.Join(folder, RemotePath.Require(file, "agent file"));
            var parent = remote[..remote.LastIndexOf('/')];
            if (parent != folder) await EnsureFolderAsync(parent, cancellationToken).ConfigureAwait(false);
            var local = Path.Combine(_agent.Folder, file);
            await using (var stream = File.OpenRead(local))
                await sftp.UploadFileAsync(stream, remote, cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(local) & UnixFileMode.UserExecute) != 0) sftp.ChangePermissions(remote, 755);
        }
        // Written last: a folder without it is an interrupted upload and is uploaded again.
        await using (var marker = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(_agent.Hash + "\n")))
            await sftp.UploadFileAsync(marker, RemotePath.Join(folder, Complete), cancellationToken).ConfigureAwait(false);
        AgentUploads++;
        return folder;
    }

    private async Task EnsureFolderAsync(string path, CancellationToken cancellationToken)
    {
        var sftp = _sftp!;
        var prefix = path.StartsWith('/') ? "/" : "";
        var current = "";
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current.Length == 0 ? prefix + part : current + "/" + part;
            if (!await sftp.ExistsAsync(current, cancellationToken).ConfigureAwait(false))
                await sftp.CreateDirectoryAsync(current, cancellationToken).ConfigureAwait(false);
        }
    }
}
