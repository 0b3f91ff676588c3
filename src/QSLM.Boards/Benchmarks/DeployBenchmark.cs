using QSLM.Boards.Sessions;
using QSLM.Boards.Transports.Ssh;
using QSLM.Protocol;

namespace QSLM.Boards.Benchmarks;

/// <summary>
/// Measures model deployment over SSH beside a plain SFTP upload of the same file over the same
/// connection, one after the other in one run (the measurement behind <c>qslm bench deploy</c>).
/// </summary>
public static class DeployBenchmark
{
    /// <summary>Runs both uploads of <paramref name="modelPath"/> through <paramref name="session"/>'s
    /// SSH <paramref name="transport"/>; the model's stored copy is deleted first so it is really sent.</summary>
    public static async Task<DeployBenchmarkResult> RunAsync(BoardSession session, SshTransport transport, string modelPath, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var clock = time ?? TimeProvider.System;
        // The host's SHA-256 is timed on its own: it is paid once per file (LocalModel remembers it by path,
        // size and time, and a search hashes each candidate once), so the ratio is quoted with and without it.
        var start = clock.GetTimestamp();
        var sha = ModelHash.OfFile(modelPath);
        var hash = clock.GetElapsedTime(start);
        LocalModel.Remember(modelPath, sha);
        await session.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await transport.ForgetModelAsync(sha, cancellationToken).ConfigureAwait(false);

        start = clock.GetTimestamp();
        await transport.PlainUploadAsync(modelPath, sha + ".plain", cancellationToken).ConfigureAwait(false);
        var plain = clock.GetElapsedTime(start);

        start = clock.GetTimestamp();
        var status = await session.PutModelAsync(modelPath, null, cancellationToken).ConfigureAwait(false);
        var deploy = clock.GetElapsedTime(start);
        if (!status.Complete) throw new InvalidOperationException("the board did not report the model complete");
        return new DeployBenchmarkResult(new FileInfo(modelPath).Length, plain, deploy, hash);
    }
}
