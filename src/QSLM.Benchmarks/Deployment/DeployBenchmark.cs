using QSLM.Boards.Sessions;
using QSLM.Protocol;

namespace QSLM.Benchmarks.Deployment;

/// <summary>
/// Measures model deployment over SSH beside a plain SFTP upload of the same file to the same
/// board, one after the other in one run (the measurement behind <c>qslm bench deploy</c>).
/// </summary>
public static class DeployBenchmark
{
    /// <summary>Runs both uploads of <paramref name="modelPath"/>, deployment through <paramref name="session"/>
    /// (an SSH board's), the plain upload through <paramref name="plainSftp"/> to the same board, deployment first when <paramref name="deployFirst"/> (alternate it
    /// between runs so neither side always meets a warmer or colder machine). Both write a new file: the
    /// model's stored copies and the plain upload's earlier copy are deleted before the clock starts.</summary>
    public static async Task<DeployBenchmarkResult> RunAsync(BoardSession session, PlainSftp plainSftp, string modelPath, bool deployFirst = false, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var clock = time ?? TimeProvider.System;
        // The host's SHA-256 is timed on its own: it is paid once per file (LocalModel remembers it by path,
        // size and time, and a search hashes each candidate once), so the ratio is quoted with and without it.
        var start = clock.GetTimestamp();
        var sha = ModelHash.OfFile(modelPath);
        var hash = clock.GetElapsedTime(start);
        LocalModel.Remember(modelPath, sha);
        await session.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var plainName = sha + ".plain";

        async Task<TimeSpan> PlainAsync()
        {
            await plainSftp.PrepareAsync(plainName, cancellationToken).ConfigureAwait(false);
            var begin = clock.GetTimestamp();
            await plainSftp.UploadAsync(modelPath, plainName, cancellationToken).ConfigureAwait(false);
            return clock.GetElapsedTime(begin);
        }

        async Task<TimeSpan> DeployAsync()
        {
            await plainSftp.ForgetStoredModelAsync(sha, cancellationToken).ConfigureAwait(false);
            var begin = clock.GetTimestamp();
            var status = await session.PutModelAsync(modelPath, null, cancellationToken).ConfigureAwait(false);
            var elapsed = clock.GetElapsedTime(begin);
            if (!status.Complete) throw new InvalidOperationException("the board did not report the model complete");
            return elapsed;
        }

        TimeSpan plain, deploy;
        if (deployFirst)
        {
            deploy = await DeployAsync().ConfigureAwait(false);
            plain = await PlainAsync().ConfigureAwait(false);
        }
        else
        {
            plain = await PlainAsync().ConfigureAwait(false);
            deploy = await DeployAsync().ConfigureAwait(false);
        }
        var phases = session.LastUpload ?? throw new InvalidOperationException("the session recorded no upload");
        if (!phases.Sent) throw new InvalidOperationException("the model was found stored, not sent: the measurement would not be an upload");
        return new DeployBenchmarkResult(new FileInfo(modelPath).Length, plain, deploy, hash, phases, deployFirst);
    }
}
