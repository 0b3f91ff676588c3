using QSLM.Boards.Transports.Ssh;
using QSLM.Protocol;
using Renci.SshNet;

namespace QSLM.Benchmarks.Deployment;

/// <summary>
/// The deploy benchmark's own SFTP client to an SSH board, authenticated and host-key checked as the
/// board's transport is: the plain upload that deployment is measured against (through the same SSH.NET
/// upload call a model's fresh copy takes), and the deletion of the agent's stored copies of a model so
/// that deployment sends it again. Nothing of this is a way to deploy: the product never writes outside
/// the agent's store or deletes from it.
/// </summary>
public sealed class PlainSftp : IAsyncDisposable
{
    private readonly SftpClient _sftp;
    private readonly PrivateKeyFile _key;
    private readonly string _root;

    private PlainSftp(SftpClient sftp, PrivateKeyFile key, string root)
    {
        _sftp = sftp;
        _key = key;
        _root = root.TrimEnd('/');
    }

    /// <summary>Connects to the board at <paramref name="address"/>, refusing a host key its pin does not hold.</summary>
    public static async Task<PlainSftp> ConnectAsync(SshBoardAddress address, CancellationToken cancellationToken)
    {
        var (info, key) = PinnedSshConnection.Settings(address);
        var sftp = new SftpClient(info);
        try
        {
            await PinnedSshConnection.ConnectAsync(sftp, address, presented: null, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            sftp.Dispose();
            key.Dispose();
            throw;
        }
        return new PlainSftp(sftp, key, address.RemoteDirectory);
    }

    /// <summary>Makes <c>bench/</c> under the board's folder and deletes an earlier <c>bench/NAME</c>, so that
    /// <see cref="UploadAsync"/> writes a new file as deployment does, with no folder checks timed.</summary>
    public async Task PrepareAsync(string name, CancellationToken cancellationToken)
    {
        var folder = _root + "/bench";
        if (!await _sftp.ExistsAsync(folder, cancellationToken).ConfigureAwait(false)) await _sftp.CreateDirectoryAsync(folder, cancellationToken).ConfigureAwait(false);
        await DeleteIfPresentAsync(PathOf(name), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads <paramref name="localPath"/> to <c>bench/NAME</c> under the board's folder (made by
    /// <see cref="PrepareAsync"/>), with the buffers and upload call of a model's fresh copy.</summary>
    public async Task UploadAsync(string localPath, string name, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        await _sftp.UploadFileAsync(stream, PathOf(name), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the agent's complete and partial copies of a model, so that it is uploaded again.</summary>
    public async Task ForgetStoredModelAsync(string sha256, CancellationToken cancellationToken)
    {
        var store = $"{_root}/{SshTransport.AgentWorkFolder}/{ModelStoreLayout.Folder}/";
        await DeleteIfPresentAsync(store + ModelStoreLayout.CompleteFileName(sha256), cancellationToken).ConfigureAwait(false);
        await DeleteIfPresentAsync(store + ModelStoreLayout.PartialFileName(sha256), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _sftp.Dispose();
        _key.Dispose();
        return ValueTask.CompletedTask;
    }

    private string PathOf(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') && name != ".." && name != "."
            ? _root + "/bench/" + name
            : throw new ArgumentException($"file name '{name}' must use only letters, digits and ._-");

    private async Task DeleteIfPresentAsync(string path, CancellationToken cancellationToken)
    {
        if (await _sftp.ExistsAsync(path, cancellationToken).ConfigureAwait(false)) await _sftp.DeleteFileAsync(path, cancellationToken).ConfigureAwait(false);
    }
}
