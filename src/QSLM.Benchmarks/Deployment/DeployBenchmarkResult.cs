using System.Globalization;
using QSLM.Boards.Sessions;

namespace QSLM.Benchmarks.Deployment;

/// <summary>Model deployment over SSH against a plain SFTP upload of the same file, in the same run.</summary>
/// <param name="Bytes">Size of the model.</param>
/// <param name="PlainSftp">Wall time of the plain SFTP upload.</param>
/// <param name="Deploy">Wall time of putting the model on the board: the agent's status, SFTP into its store, the
/// move into place; the host's hash is already known (see <paramref name="HostHash"/>), and the agent checks the
/// copy against it before each use, as it does every stored model, not here.</param>
/// <param name="HostHash">Wall time of the host's SHA-256 of the file, paid once per file.</param>
/// <param name="Phases">Where the deployment's time went, as the session measured it.</param>
/// <param name="DeployFirst">Whether deployment ran before the plain upload in this run.</param>
public sealed record DeployBenchmarkResult(long Bytes, TimeSpan PlainSftp, TimeSpan Deploy, TimeSpan HostHash, UploadTimings Phases, bool DeployFirst)
{
    /// <summary>Plain SFTP throughput in MB/s (10^6 bytes).</summary>
    public double PlainMegabytesPerSecond => Bytes / PlainSftp.TotalSeconds / 1e6;

    /// <summary>Deployment throughput in MB/s (10^6 bytes).</summary>
    public double DeployMegabytesPerSecond => Bytes / Deploy.TotalSeconds / 1e6;

    /// <summary>Deployment throughput as a share of plain SFTP's (the deployment target: at least 0.8).</summary>
    public double Ratio => PlainSftp.TotalSeconds / Deploy.TotalSeconds;

    /// <summary>The same with the host's hash counted in the deployment (a file deployed once, never hashed before).</summary>
    public double RatioWithHostHash => PlainSftp.TotalSeconds / (Deploy + HostHash).TotalSeconds;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Bytes:N0} bytes{(DeployFirst ? " (deployment first)" : "")}: plain SFTP {PlainMegabytesPerSecond:F1} MB/s ({PlainSftp.TotalSeconds:F3} s), deploy {DeployMegabytesPerSecond:F1} MB/s ({Deploy.TotalSeconds:F3} s: query {Ms(Phases.Query)}, transfer {Ms(Phases.Transfer)}, finalize {Ms(Phases.Finalize)}), ratio {Ratio:F3}; host SHA-256 {HostHash.TotalSeconds:F3} s, {RatioWithHostHash:F3} with it");

    private static string Ms(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:F1} ms");
}
