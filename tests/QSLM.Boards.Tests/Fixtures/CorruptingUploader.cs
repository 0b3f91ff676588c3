using QSLM.Boards.Transports;

namespace QSLM.Boards.Tests.Fixtures;

/// <summary>
/// Wraps a transport whose bulk uploader then sends a damaged copy of each model (one bit flipped in
/// the middle) under the model's real hash: bytes corrupted on the way to the board.
/// </summary>
internal sealed class CorruptingUploader(IBoardTransport inner, string scratchFolder) : IBoardTransport, IModelUploader
{
    public string Description => inner.Description;

    public IModelUploader? Uploader => this;

    public int Uploads { get; private set; }

    public async Task UploadPartialAsync(string localPath, string sha256, long offset, Action<long>? progress, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(localPath, cancellationToken);
        bytes[bytes.Length / 2] ^= 0x10;
        var damaged = Path.Combine(scratchFolder, $"damaged-{Uploads++}-{Path.GetFileName(localPath)}");
        await File.WriteAllBytesAsync(damaged, bytes, cancellationToken);
        await inner.Uploader!.UploadPartialAsync(damaged, sha256, offset, progress, cancellationToken);
    }

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task<IAgentChannel> StartAgentAsync(CancellationToken cancellationToken) => inner.StartAgentAsync(cancellationToken);

    public Task DisconnectAsync() => inner.DisconnectAsync();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
